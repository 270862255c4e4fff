package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads a TPM 1.2 structure. Every read is checked against the bytes left first, so a short or
 * lying answer is one error naming what was being read, never a Java exception.
 */
final class Reader {
    private final ByteBuffer buffer;
    private final String what;

    /** {@code what} names the structure and, for an answer, the command: "TPM_GetCapability answer". */
    Reader(byte[] bytes, String what) {
        this.buffer = ByteBuffer.wrap(bytes);
        this.what = what;
    }

    int u8() {
        need(1);
        return Byte.toUnsignedInt(buffer.get());
    }

    int u16() {
        need(2);
        return Short.toUnsignedInt(buffer.getShort());
    }

    int u32() {
        need(4);
        return buffer.getInt();
    }

    byte[] bytes(int length) {
        need(length);
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    /** A UINT32 length followed by that many bytes; a length above 2^31 is read as the unsigned number it is. */
    byte[] sized() {
        int length = u32();
        need(Integer.toUnsignedLong(length));
        return bytes(length);
    }

    byte[] rest() {
        return bytes(buffer.remaining());
    }

    /** Every byte from {@code start} up to the current position. */
    byte[] bytesFrom(int start) {
        return Arrays.copyOfRange(buffer.array(), start, buffer.position());
    }

    int position() {
        return buffer.position();
    }

    int remaining() {
        return buffer.remaining();
    }

    private void need(long length) {
        if (length < 0 || length > buffer.remaining()) {
            throw new TpmException(what + " is truncated (" + length + (length == 1 ? " byte" : " bytes") + " wanted, "
                    + buffer.remaining() + " left)");
        }
    }
}
