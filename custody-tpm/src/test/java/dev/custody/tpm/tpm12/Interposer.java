package dev.custody.tpm.tpm12;

import dev.custody.tpm.transport.Transport;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A device on the bus between Custody and a real TPM 1.2: every command reaches the TPM, and the
 * answer to a chosen command is replaced, once, as an interposer on the LPC bus could replace it.
 */
final class Interposer implements Transport {
    private static final int TAG_RSP_COMMAND = 0x00C4;

    private final Transport tpm;
    private final Map<Integer, byte[]> replacements = new HashMap<>();

    Interposer(Transport tpm) {
        this.tpm = tpm;
    }

    /** The next answer to {@code ordinal} becomes a successful one carrying {@code parameters}. */
    Interposer answer(Ordinal ordinal, byte[] parameters) {
        replacements.put(ordinal.code(), ByteBuffer.allocate(10 + parameters.length).putShort((short) TAG_RSP_COMMAND)
                .putInt(10 + parameters.length).putInt(0).put(parameters).array());
        return this;
    }

    @Override
    public byte[] transmit(byte[] command) {
        byte[] answer = tpm.transmit(command);
        byte[] replacement = replacements.remove(ByteBuffer.wrap(command).getInt(6));
        return replacement != null ? replacement : answer;
    }

    @Override
    public String describe() {
        return "interposed " + tpm.describe();
    }

    @Override
    public void close() {
        tpm.close();
    }
}
