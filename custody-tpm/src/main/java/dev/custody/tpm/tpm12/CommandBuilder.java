package dev.custody.tpm.tpm12;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The body of one TPM 1.2 command: its handles (which the authorisation HMAC leaves out) and its
 * parameters (which it covers), in the order Part 3 lists them.
 */
final class CommandBuilder {
    private final Ordinal ordinal;
    private final ByteArrayOutputStream handles = new ByteArrayOutputStream();
    private final ByteArrayOutputStream parameters = new ByteArrayOutputStream();

    CommandBuilder(Ordinal ordinal) {
        this.ordinal = ordinal;
    }

    Ordinal ordinal() {
        return ordinal;
    }

    CommandBuilder handle(int handle) {
        handles.writeBytes(intBytes(handle));
        return this;
    }

    CommandBuilder u8(int value) {
        parameters.write(value);
        return this;
    }

    CommandBuilder u16(int value) {
        parameters.write(value >>> 8);
        parameters.write(value);
        return this;
    }

    CommandBuilder u32(int value) {
        parameters.writeBytes(intBytes(value));
        return this;
    }

    CommandBuilder bytes(byte[] value) {
        parameters.writeBytes(value);
        return this;
    }

    /** A UINT32 length followed by the bytes. */
    CommandBuilder sized(byte[] value) {
        return u32(value.length).bytes(value);
    }

    byte[] handleBytes() {
        return handles.toByteArray();
    }

    byte[] parameterBytes() {
        return parameters.toByteArray();
    }

    /** SHA1(ordinal || parameters): what every authorisation session signs for this command. */
    byte[] parameterDigest() {
        return Sha1.hash(intBytes(ordinal.code()), parameterBytes());
    }

    static byte[] intBytes(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
