package dev.custody.tpm.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * A TPM whose answers are the fuzzer's bytes, cut into responses exactly as the swtpm and device
 * transports read them (TPM 1.2 and 2.0 share the 10-byte header with the size in it).
 */
public final class FuzzedTpm implements Transport {
    private final FuzzedDataProvider input;

    public FuzzedTpm(FuzzedDataProvider input) {
        this.input = input;
    }

    @Override
    public byte[] transmit(byte[] command) {
        byte[] header = input.consumeBytes(ResponseFrame.HEADER_SIZE);
        if (header.length < ResponseFrame.HEADER_SIZE) {
            throw new TransportException("the fuzzed TPM closed the connection");
        }
        int size = ResponseFrame.declaredSize(header, describe());
        byte[] body = input.consumeBytes(size - header.length);
        if (body.length < size - header.length) {
            throw new TransportException("the fuzzed TPM closed the connection in the middle of a response");
        }
        byte[] response = new byte[size];
        System.arraycopy(header, 0, response, 0, header.length);
        System.arraycopy(body, 0, response, header.length, body.length);
        return response;
    }

    @Override
    public String describe() {
        return "fuzzed TPM";
    }

    @Override
    public void close() {
    }
}
