package dev.custody.tpm;

/** Anything that went wrong talking to a TPM; the message is written for the person at the machine. */
public class TpmException extends RuntimeException {
    public TpmException(String message) {
        super(message);
    }

    public TpmException(String message, Throwable cause) {
        super(message, cause);
    }
}
