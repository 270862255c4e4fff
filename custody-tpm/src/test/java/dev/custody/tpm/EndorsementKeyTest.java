package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.common.Secret;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The endorsement key Custody derives is the one tpm2-tools derives from the same TPM. */
class EndorsementKeyTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void publicAreaEqualsTpm2CreateekAndItsHashIsTheKeysName() throws IOException, NoSuchAlgorithmException {
        byte[] ours;
        try (Tpm tpm = swtpm.open()) {
            ours = tpm.endorsementKeyPublic(Secret.empty());
            assertThat(tpm.endorsementKeyPublic(Secret.empty())).as("derived from the seed, so stable").isEqualTo(ours);
        }
        swtpm.tpm2("tpm2_createek", "-c", "ek.ctx", "-G", "rsa", "-u", "ek.pub");
        byte[] sized = Files.readAllBytes(swtpm.directory().resolve("ek.pub"));
        // ek.pub is a TPM2B_PUBLIC: a two-byte size, then the TPMT_PUBLIC.
        assertThat(Arrays.copyOfRange(sized, 2, sized.length)).isEqualTo(ours);
        String readPublic = swtpm.tpm2("tpm2_readpublic", "-c", "ek.ctx");
        swtpm.tpm2("tpm2_flushcontext", "-t");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ours));
        assertThat(readPublic).contains("name: 000b" + digest);
    }

    @Test
    void clearingTheTpmKeepsTheEndorsementKey() {
        try (Tpm tpm = swtpm.open()) {
            byte[] before = tpm.endorsementKeyPublic(Secret.empty());
            tpm.clear(Secret.empty());
            assertThat(tpm.endorsementKeyPublic(Secret.empty())).isEqualTo(before);
        }
    }
}
