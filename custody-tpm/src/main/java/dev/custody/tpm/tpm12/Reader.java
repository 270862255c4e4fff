package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Reads a TPM 1.2 structure; running past its end is an error naming what was being read. */
final class Reader {
    private final ByteBuffer buffer;
    private final String what;

    Reader(byte[] bytes, String what) {
        this.buffer = ByteBuffer.wrap(bytes);
        this.what = what;
    }

    int u8() {
        return Byte.toUnsignedInt(guard(() -> buffer.get()));
    }

    int u16() {
        return Short.toUnsignedInt(guard(buffer::getShort));
    }

    int u32() {
        return guard(buffer::getInt);
    }

    long u64() {
        return guard(buffer::getLong);
    }

    byte[] bytes(int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw new TpmException(what + " is truncated (wanted " + length + " bytes, " + buffer.remaining() + " left)");
        }
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    /** A UINT32 length followed by that many bytes. */
    byte[] sized() {
        return bytes(u32());
    }

    byte[] rest() {
        return bytes(buffer.remaining());
    }

    /** Every byte from {@code start} up to the current position. */
    byte[] bytesFrom(int start) {
        return java.util.Arrays.copyOfRange(buffer.array(), start, buffer.position());
    }

    int position() {
        return buffer.position();
    }

    int remaining() {
        return buffer.remaining();
    }

    private <T> T guard(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new TpmException(what + " is truncated");
        }
    }
}
