package dev.custody.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts, from a stand-in for Nitrokey's tool that behaves as it does: exit 0 for a key that
 * answers {@code info} and for an accepted code.
 */
class SecurityKeyTest {
    @TempDir
    Path bin;

    @Test
    void withoutTheToolThereIsNoVerdictButAbsent() throws Exception {
        assertThat(SecurityKey.check("123456", bin.toString())).isEqualTo(SecurityKey.Verdict.ABSENT);
    }

    @Test
    void theKeyAcceptsOnlyItsCode() throws Exception {
        tool("""
                #!/bin/sh
                [ "$1" = info ] && exit 0
                [ "$1" = check ] && [ "$2" = 755224 ] && exit 0
                exit 1
                """);

        assertThat(SecurityKey.check("755224", "/nonexistent:" + bin)).isEqualTo(SecurityKey.Verdict.VALID);
        assertThat(SecurityKey.check("000000", bin.toString())).isEqualTo(SecurityKey.Verdict.INVALID);
    }

    @Test
    void aToolThatFindsNoKeyIsAbsent() throws Exception {
        tool("#!/bin/sh\nexit 1\n");

        assertThat(SecurityKey.check("755224", bin.toString())).isEqualTo(SecurityKey.Verdict.ABSENT);
    }

    private void tool(String script) throws Exception {
        Path tool = bin.resolve(SecurityKey.TOOL);
        Files.writeString(tool, script);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
    }
}
