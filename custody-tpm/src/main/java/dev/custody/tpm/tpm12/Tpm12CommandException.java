package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;

/** A TPM 1.2 answered a command with an error result code. */
public final class Tpm12CommandException extends TpmException {
    private final String command;
    private final Tpm12ResponseCode code;

    public Tpm12CommandException(String command, Tpm12ResponseCode code) {
        super(command + " failed: " + code.name() + ": " + code.explanation());
        this.command = command;
        this.code = code;
    }

    public String command() {
        return command;
    }

    public Tpm12ResponseCode code() {
        return code;
    }
}
