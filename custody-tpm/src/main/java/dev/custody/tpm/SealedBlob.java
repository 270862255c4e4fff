package dev.custody.tpm;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A sealed object kept outside the TPM: its public area and its private area, which the TPM
 * encrypted to its storage key. Useless on any other TPM and readable only through the policy.
 *
 * <p>File format: the ASCII magic {@code CUSTODY-SEALED-1\n}, then TPM2B_PUBLIC and TPM2B_PRIVATE
 * exactly as the TPM marshals them (the same bytes tpm2-tools writes with {@code -u} and {@code -r}).
 */
public record SealedBlob(byte[] publicArea, byte[] privateArea) {
    private static final byte[] MAGIC = "CUSTODY-SEALED-1\n".getBytes(StandardCharsets.US_ASCII);

    public byte[] toBytes() {
        return ByteBuffer.allocate(MAGIC.length + 4 + publicArea.length + privateArea.length)
                .put(MAGIC)
                .putShort((short) publicArea.length).put(publicArea)
                .putShort((short) privateArea.length).put(privateArea)
                .array();
    }

    public static SealedBlob parse(byte[] bytes) {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a Custody sealed blob (missing CUSTODY-SEALED-1 header)");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
            byte[] publicArea = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(publicArea);
            byte[] privateArea = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(privateArea);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("sealed blob has " + in.remaining() + " unexpected trailing bytes");
            }
            return new SealedBlob(publicArea, privateArea);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("sealed blob is truncated");
        }
    }
}
