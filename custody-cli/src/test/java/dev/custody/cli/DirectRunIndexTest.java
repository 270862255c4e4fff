package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DirectRunIndexTest {
    @Test
    void theGeneratedFilesAreWhatTheAnnotationsSayNow() throws Exception {
        Map<Path, String> now = DirectRunIndex.sources();
        if (Boolean.getBoolean("custody.writeIndex")) {
            for (Path stale : generatedFiles()) {
                Files.delete(stale);
            }
            for (Map.Entry<Path, String> file : now.entrySet()) {
                Files.writeString(file.getKey(), file.getValue());
            }
        }
        String hint = "rerun DirectRunIndexTest with -Dcustody.writeIndex=true and commit the files";
        assertThat(generatedFiles()).as("generated files; " + hint).containsExactlyInAnyOrderElementsOf(now.keySet());
        for (Map.Entry<Path, String> file : now.entrySet()) {
            assertThat(Files.readString(file.getKey())).as("%s is stale: %s", file.getKey(), hint).isEqualTo(file.getValue());
        }
        assertThat(DirectRunOptions.INDEX).containsExactlyElementsOf(DirectRunIndex.lines());
    }

    private static List<Path> generatedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DirectRunIndex.sourceRoot())) {
            return files.filter(f -> f.getFileName().toString().matches("DirectRun(Options|Fields)\\.java")).toList();
        }
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
