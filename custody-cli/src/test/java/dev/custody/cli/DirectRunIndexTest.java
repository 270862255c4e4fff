package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectRunIndexTest {
    @Test
    void theBuildTimeIndexIsWhatReflectionReadsFromTheAnnotations() {
        Map<String, List<String>> built = byCommand(List.of(DirectRunOptions.INDEX));
        Map<String, List<String>> reflected = byCommand(DirectRunIndex.lines());
        assertThat(reflected).isNotEmpty();
        reflected.forEach((command, lines) -> assertThat(built.get(command)).as(command).isEqualTo(lines));
    }

    @Test
    void everyBootTimeCommandIsIndexed() {
        assertThat(byCommand(List.of(DirectRunOptions.INDEX))).containsKeys("dev.custody.cli.attest.TotpCommand",
                "dev.custody.cli.attest.HotpCommand", "dev.custody.cli.boot.VerifyCommand",
                "dev.custody.cli.boot.UnlockCommand", "dev.custody.cli.rom.InspectCommand",
                "dev.custody.cli.eventlog.ReplayCommand", "dev.custody.cli.lab.LabPowerOnCommand",
                "dev.custody.cli.disk.DiskKeyUnsealCommand");
    }

    @Test
    void aCommandWithAnArgumentGroupIsLeftToPicocli() {
        assertThat(byCommand(List.of(DirectRunOptions.INDEX))).doesNotContainKey("dev.custody.cli.boot.PlanCommand");
        assertThat(byCommand(DirectRunIndex.lines())).doesNotContainKey("dev.custody.cli.boot.PlanCommand");
    }

    private static Map<String, List<String>> byCommand(List<String> index) {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : index) {
            if (line.startsWith("command\t")) {
                current = new ArrayList<>();
                commands.put(line.split("\t")[1], current);
            }
            current.add(line);
        }
        return commands;
    }
}
