package dev.custody.tpm.transport;

import dev.custody.tpm.TpmException;

/** The TPM could not be reached, or the bytes that came back are not a TPM response. */
public final class TransportException extends TpmException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
