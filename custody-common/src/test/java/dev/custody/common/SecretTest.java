package dev.custody.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
    @TempDir
    Path dir;

    @Test
    void neverPrintsItsContent() {
        try (Secret secret = Secret.copyOf("hunter2".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(secret.toString()).isEqualTo("Secret[7 bytes]").doesNotContain("hunter2");
        }
    }

    @Test
    void closingWipesTheAdoptedBytesAndRefusesLaterUse() {
        byte[] bytes = {1, 2, 3};
        Secret secret = Secret.adopt(bytes);
        secret.close();
        assertThat(bytes).containsOnly(0);
        assertThatThrownBy(secret::bytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileLosesOneTrailingNewlineOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("passphrase"), "two words\n\n");
        try (Secret secret = Secret.readFile(file)) {
            assertThat(new String(secret.bytes(), StandardCharsets.UTF_8)).isEqualTo("two words\n");
        }
    }
}
