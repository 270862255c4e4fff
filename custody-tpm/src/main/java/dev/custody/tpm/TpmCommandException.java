package dev.custody.tpm;

/** The TPM answered a command with an error response code. */
public final class TpmCommandException extends TpmException {
    private final String command;
    private final ResponseCode code;

    public TpmCommandException(String command, ResponseCode code) {
        this(command, code, code.explanation());
    }

    public TpmCommandException(String command, ResponseCode code, String explanation) {
        super(command + " failed: " + code.name() + ": " + explanation);
        this.command = command;
        this.code = code;
    }

    public String command() {
        return command;
    }

    public ResponseCode code() {
        return code;
    }
}
