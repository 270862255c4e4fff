package dev.custody.tpm.transport;

import java.io.Closeable;

/** Carries one TPM command to the TPM and its response back; nothing more. */
public interface Transport extends Closeable {
    /** Sends a complete command and blocks until the complete response has arrived. */
    byte[] transmit(byte[] command);

    /** Where this transport leads, for messages ("/dev/tpmrm0", "swtpm 127.0.0.1:2321"). */
    String describe();

    @Override
    void close();
}
