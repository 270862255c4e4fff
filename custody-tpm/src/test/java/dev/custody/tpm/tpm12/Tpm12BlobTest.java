package dev.custody.tpm.tpm12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.tpm.TpmException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** TPM 1.2 structures read back from NV and files: a swtpm's own, and damaged ones. */
class Tpm12BlobTest {
    @Test
    void aSwtpmSealedBlobReadsBackItsPcrBinding() throws IOException {
        StoredData blob = StoredData.parse(seed("stored-data-heads-totp"));

        assertThat(blob.bytes()).hasSize(Tpm12.HEADS_SEALED_SIZE);
        assertThat(blob.releaseSelection().pcrs()).containsExactly(0, 7);
        assertThat(blob.digestAtRelease()).hasSize(Sha1.LENGTH);
    }

    @Test
    void aSealedBlobLengthAbove2GiBIsReadAsTheUnsignedNumberItIs() {
        byte[] blob = ByteBuffer.allocate(4 + 4 + 4 + 2).putInt(0x01010000).putInt(0).putInt(-1).array();

        assertThatThrownBy(() -> StoredData.parse(blob))
                .isExactlyInstanceOf(TpmException.class)
                .hasMessage("sealed blob is truncated (4294967295 bytes wanted, 2 left)");
    }

    @Test
    void aKeyJavaRefusesIsRefusedInCustodysWords() {
        byte[] key = ByteBuffer.allocate(64).putShort((short) KeyBlob.TAG_KEY12).putShort((short) 0).putShort((short) 0x10)
                .putInt(0).put((byte) 1)
                .putInt(KeyBlob.ALG_RSA).putShort((short) 1).putShort((short) 2).putInt(12).putInt(2048).putInt(2).putInt(0)
                .putInt(0)
                .putInt(8).putLong(0xc0ffee)
                .putInt(0)
                .array();

        assertThatThrownBy(() -> KeyBlob.parse(key))
                .isExactlyInstanceOf(TpmException.class)
                .hasMessage("the TPM returned an RSA key Custody cannot use (a 24-bit modulus; TPM 1.2 keys have 2048 bits)");
    }

    @Test
    void aSwtpmKeyParses() throws IOException {
        assertThat(KeyBlob.parse(seed("key12-signing")).publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = Tpm12BlobTest.class.getResourceAsStream("Tpm12BlobFuzzTestInputs/blobs/" + name)) {
            return in.readAllBytes();
        }
    }
}
