package dev.custody.tpm.testing;

import dev.custody.tpm.transport.Transport;
import java.io.ByteArrayOutputStream;

/** Keeps every byte that crosses between client and TPM, as a probe on the bus of a discrete TPM would. */
public final class RecordingTransport implements Transport {
    private final Transport inner;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    public RecordingTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public byte[] transmit(byte[] command) {
        seen.writeBytes(command);
        byte[] response = inner.transmit(command);
        seen.writeBytes(response);
        return response;
    }

    /** Commands and responses so far, in order. */
    public byte[] traffic() {
        return seen.toByteArray();
    }

    /** Whether {@code needle} appears anywhere in the recorded traffic. */
    public boolean saw(byte[] needle) {
        byte[] haystack = traffic();
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
