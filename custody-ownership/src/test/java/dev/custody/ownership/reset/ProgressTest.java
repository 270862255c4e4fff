package dev.custody.ownership.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void stepsAreNumberedAndDetailsIndented() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        OwnershipReset.Progress progress = OwnershipReset.Progress.printing(out);
        progress.step("Reset the TPM");
        progress.detail("cleared");
        progress.step("Owner key");

        assertThat(bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"))
                .isEqualTo("\n[1] Reset the TPM\n    cleared\n\n[2] Owner key\n");
    }
}
