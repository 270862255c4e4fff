package dev.custody.cli;

import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.TpmCommandException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one line on stderr and a non-zero exit. Users see a stack trace only
 * with {@code --debug}: a trace says nothing to someone checking their laptop at boot.
 */
final class UserFacingErrors implements IExecutionExceptionHandler {
    /** Exit code for failures of the input or the machine, as opposed to usage errors (2). */
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        if (CustodyCommand.debug) {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().println("custody: " + describe(e));
        cli.getErr().flush();
        return FAILURE;
    }

    static String describe(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            return u.getMessage() + ": " + describe(u.getCause());
        }
        String message = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + message;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + message;
        }
        if (e instanceof TpmCommandException tpm && owner(tpm.command())
                && (tpm.code().is(ResponseCode.BAD_AUTH) || tpm.code().is(ResponseCode.AUTH_FAIL))) {
            return message.lines().findFirst().orElse(message) + "; this needs the TPM owner passphrase (own reset sets"
                    + " one): give it with --owner-auth-file F";
        }
        if (message == null || message.isBlank()) {
            return "internal error (" + e.getClass().getSimpleName() + "); run again with --debug for details";
        }
        return message.lines().findFirst().orElse(message);
    }

    /** Commands authorised by the owner hierarchy: storing objects, defining NV indexes. */
    private static boolean owner(String command) {
        return command.contains("EvictControl") || command.contains("NV_DefineSpace") || command.contains("NV_UndefineSpace")
                || command.contains("CreatePrimary");
    }
}
