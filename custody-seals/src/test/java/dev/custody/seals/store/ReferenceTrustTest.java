package dev.custody.seals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where trust in a seal reference may come from, and that nothing is trusted by default. */
class ReferenceTrustTest {
    @TempDir
    Path work;

    @Test
    void withoutGnupgKeysOrEnrolledKeyFilesNothingIsTrusted() throws Exception {
        Path home = Files.createDirectories(work.resolve("gnupg"));
        SealSigners signers = new SealSigners(work.resolve("config/custody/seal-signers"));

        assertThatThrownBy(() -> ReferenceTrust.ofUser(home, signers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no trusted keyring to check the reference with")
                .hasMessageContaining(signers.directory().toString())
                .hasMessageContaining(home.toString());
    }

    @Test
    void aLabFirmwareWithoutAnOwnerKeyringTrustsNothing() {
        assertThatThrownBy(() -> ReferenceTrust.ofFirmware(Optional.empty(), work.resolve("lab")))
                .hasMessageContaining("the firmware of " + work.resolve("lab") + " holds no owner keyring");
    }

    @Test
    void enrolledKeyFilesLiveInTheUsersConfigurationFolder() {
        assertThat(SealSigners.ofUser(java.util.Map.of("XDG_CONFIG_HOME", "/cfg")).directory())
                .isEqualTo(Path.of("/cfg/custody/seal-signers"));
        assertThat(new SealSigners(work.resolve("none")).keyring()).isEmpty();
    }
}
