package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectRunIndexTest {
    private static final Path RESOURCE = Path.of("src/main/resources/dev/custody/cli/" + DirectRunIndex.RESOURCE);

    @Test
    void theIndexInTheJarIsWhatTheAnnotationsSayNow() throws Exception {
        List<String> now = DirectRunIndex.lines();
        if (Boolean.getBoolean("custody.writeIndex")) {
            Files.write(RESOURCE, now);
        }
        assertThat(Files.readAllLines(RESOURCE))
                .as("%s is stale: rerun this test with -Dcustody.writeIndex=true and commit the file", RESOURCE)
                .isEqualTo(now);
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
