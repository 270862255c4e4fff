package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectRunIndexTest {
    private static final Path SOURCE = Path.of("src/main/java/dev/custody/cli/DirectRunOptions.java");

    @Test
    void theIndexIsWhatTheAnnotationsSayNow() throws Exception {
        String now = DirectRunIndex.source();
        if (Boolean.getBoolean("custody.writeIndex")) {
            Files.writeString(SOURCE, now);
        }
        assertThat(Files.readString(SOURCE))
                .as("%s is stale: rerun DirectRunIndexTest with -Dcustody.writeIndex=true and commit the file", SOURCE)
                .isEqualTo(now);
        assertThat(DirectRunOptions.INDEX).containsExactlyElementsOf(DirectRunIndex.lines());
    }

    @Test
    void everyBootTimeCommandIsIndexed() {
        List<String> commands = DirectRunIndex.lines().stream().filter(line -> line.startsWith("command\t"))
                .map(line -> line.split("\t")[1]).toList();
        assertThat(commands).contains("dev.custody.cli.attest.TotpCommand", "dev.custody.cli.attest.HotpCommand",
                "dev.custody.cli.boot.VerifyCommand", "dev.custody.cli.boot.UnlockCommand",
                "dev.custody.cli.rom.InspectCommand", "dev.custody.cli.eventlog.ReplayCommand",
                "dev.custody.cli.lab.LabPowerOnCommand", "dev.custody.cli.disk.DiskKeyUnsealCommand");
    }

    @Test
    void aCommandWithAnArgumentGroupIsLeftToPicocli() {
        List<String> commands = DirectRunIndex.lines().stream().filter(line -> line.startsWith("command\t")).toList();
        assertThat(commands).noneMatch(line -> line.contains("dev.custody.cli.boot.PlanCommand\t"));
    }
}
