package dev.custody.boot.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.manifest.FileHasher;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.Swtpm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BootPolicyTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    static final BootPolicy RESTRICTED = BootPolicy.parse("config.user", """
            # written by Heads
            CONFIG_AUTO_BOOT_TIMEOUT=5
            export CONFIG_RESTRICTED_BOOT=y
            CONFIG_ROOT_CHECK_AT_BOOT="y"
            CONFIG_ROOT_DIRLIST="bin sbin usr"
            CONFIG_BOOT_KERNEL_ADD="intel_iommu=on"
            CONFIG_BOOT_KERNEL_REMOVE='quiet splash'
            CONFIG_BOOT_DEV="/dev/nvme0n1p1"
            """);

    @Test
    void configUserSettingsAreRead() {
        assertThat(RESTRICTED.autoBootTimeout()).hasValue(5);
        assertThat(RESTRICTED.restricted()).isTrue();
        assertThat(RESTRICTED.rootCheckAtBoot()).isTrue();
        assertThat(RESTRICTED.rootDirectories()).containsExactly("bin", "sbin", "usr");
        assertThat(RESTRICTED.kernelParameters().add()).containsExactly("intel_iommu=on");
        assertThat(RESTRICTED.kernelParameters().remove()).containsExactlyInAnyOrder("quiet", "splash");
        assertThat(BootPolicy.DEFAULT.restricted()).isFalse();
        assertThat(BootPolicy.DEFAULT.autoBootTimeout()).isEmpty();
        assertThat(BootPolicy.DEFAULT.rootDirectories()).containsExactly("bin", "boot", "lib", "sbin", "usr");
    }

    @Test
    void corruptSettingsAreOneLineErrors() {
        assertThatThrownBy(() -> BootPolicy.parse("config.user", "CONFIG_X=1\nrm -rf /\n"))
                .hasMessage("config.user line 2 is not a CONFIG_NAME=value setting");
        assertThatThrownBy(() -> BootPolicy.parse("config.user", "CONFIG_AUTO_BOOT_TIMEOUT=soon"))
                .hasMessageContaining("must be a number of seconds, not 'soon'");
    }

    @Test
    void restrictedModeForbidsForcedBootAndRecovery() {
        assertThatThrownBy(() -> BootMode.forced(RESTRICTED, "kernel changed")).hasMessageContaining("restricted boot");
        assertThatThrownBy(() -> BootMode.recovery(RESTRICTED)).hasMessageContaining("recovery shell is disabled");
        assertThat(BootMode.forced(BootPolicy.DEFAULT, "kernel changed")).isInstanceOf(BootMode.Forced.class);
    }

    @Test
    void aForcedBootIsPaintedRedAndLosesItsSplash() {
        var parameters = BootMode.parameters(new BootMode.Forced("x"), BootPolicy.DEFAULT);
        assertThat(parameters.remove()).contains("quiet", "splash");
        assertThat(parameters.add()).anyMatch(p -> p.startsWith("vt.default_red=0xff,"));
        assertThat(BootMode.parameters(new BootMode.Verified(), BootPolicy.DEFAULT).add()).isEmpty();
    }

    @Test
    void recoveryAndForcedBootExtendPcr4WithHeadsWords() throws Exception {
        try (Tpm tpm = swtpm.open()) {
            byte[] before = tpm.readPcrs(PcrBank.SHA256, List.of(4)).get(4);
            BootMode.measure(BootMode.recovery(BootPolicy.DEFAULT), tpm);
            byte[] after = tpm.readPcrs(PcrBank.SHA256, List.of(4)).get(4);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(before);
            sha256.update(FileHasher.sha256("recovery".getBytes(StandardCharsets.US_ASCII)));
            assertThat(after).isEqualTo(sha256.digest());

            BootMode.measure(BootMode.forced(BootPolicy.DEFAULT, "x"), tpm);
            assertThat(tpm.readPcrs(PcrBank.SHA256, List.of(4)).get(4)).isNotEqualTo(after);
        }
    }
}
