package dev.custody.tpm.tpm12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.tpm.TpmException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Tpm12ClientTest {
    private static Swtpm12 swtpm;

    @BeforeAll
    static void start() {
        swtpm = Swtpm12.start();
    }

    @AfterAll
    static void stop() {
        swtpm.close();
    }

    @Test
    void speaksTpm12() {
        try (Tpm12Client tpm = swtpm.client()) {
            VersionInfo version = tpm.version();
            assertThat(version.family()).isEqualTo("1.2");
            assertThat(tpm.property(Tpm12Client.PROP_PCR)).isEqualTo(24);
            assertThat(tpm.hasOwner()).isFalse();
            PermanentFlags flags = tpm.permanentFlags();
            assertThat(flags.physicalPresenceCmdEnable()).as("TSC_PhysicalPresence usable, as on an x230").isTrue();
            assertThat(tpm.volatileFlags().physicalPresence()).isFalse();
            assertThat(flags.nvLocked()).isTrue();
        }
    }

    @Test
    void extendFollowsTheSha1Chain() {
        try (Tpm12Client tpm = swtpm.client()) {
            byte[] before = tpm.pcrRead(16);
            byte[] digest = Sha1.hash("event".getBytes(StandardCharsets.US_ASCII));
            byte[] after = tpm.extend(16, digest);
            assertThat(after).isEqualTo(Sha1.hash(before, digest));
            assertThat(tpm.pcrRead(16)).isEqualTo(after);
            assertThatThrownBy(() -> tpm.pcrRead(24))
                    .isInstanceOf(Tpm12CommandException.class).hasMessageContaining("TPM_BADINDEX");
            assertThat(tpm.randomInTheClear(32)).hasSize(32).isNotEqualTo(new byte[32]);
        }
    }

    @Test
    void anEmptyCapabilityAnswerIsRefusedNamingTheCapability() {
        try (Tpm12Client tpm = new Tpm12Client(new Interposer(swtpm.connect()).answer(Ordinal.GET_CAPABILITY, new byte[4]))) {
            assertThatThrownBy(tpm::hasOwner)
                    .isExactlyInstanceOf(TpmException.class)
                    .hasMessage("TPM_GetCapability's TPM_CAP_PROP_OWNER is truncated (1 byte wanted, 0 left)");
        }
    }

    @Test
    void moreRandomBytesThanAskedForAreRefused() {
        byte[] thirtyTwo = ByteBuffer.allocate(4 + 32).putInt(32).array();
        Interposer bus = new Interposer(swtpm.connect()).answer(Ordinal.GET_RANDOM, thirtyTwo);
        try (Tpm12 tpm = new Tpm12(bus, Optional.empty(), () -> { })) {
            assertThatThrownBy(() -> tpm.random(16))
                    .isExactlyInstanceOf(TpmException.class)
                    .hasMessage("TPM_GetRandom returned 32 bytes when 16 were asked for");
        }
    }
}
