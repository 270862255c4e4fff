package dev.custody.cli;

import dev.custody.common.TerminalText;
import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.TpmCommandException;
import java.io.EOFException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one line on stderr and a non-zero exit. Users see a stack trace only
 * with {@code --debug}: a trace says nothing to someone checking their laptop at boot. The line
 * names the option or file that is wrong and never carries Java's own wording (class names,
 * "For input string"); untrusted text quoted in it is escaped like all human output.
 */
final class UserFacingErrors implements IExecutionExceptionHandler {
    /** Exit code for failures of the input or the machine, as opposed to usage errors (2). */
    static final int FAILURE = 1;

    /** "java.lang.IllegalStateException: " and the like, which wrapped exceptions put in front of their message. */
    private static final Pattern JAVA_CLASS_PREFIX = Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*: ");
    private static final Pattern INVALID_OPTION = Pattern.compile("^Invalid value for option '([^']+)': (.*)$");
    private static final Pattern INVALID_PARAMETER =
            Pattern.compile("^Invalid value for positional parameter at index \\S+ \\(([^)]+)\\): (.*)$");
    private static final Pattern CANNOT_CONVERT =
            Pattern.compile("^cannot convert '(.*)' to (?:interface |class )?(?:[\\w$]+\\.)*(\\w+) \\(.*\\)$");
    private static final Pattern NUMBER_TEXT =
            Pattern.compile("(?:For input string: \"([^\"]*)\"|String value (\\S+) exceeds range of unsigned \\w+)");

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        return report(e, cli.getErr());
    }

    /** Reports a failure of a command on {@code err}, and returns the exit code for it. */
    static int report(Throwable e, PrintWriter err) {
        if (CustodyCommand.debug) {
            e.printStackTrace(err);
        }
        err.println("custody: " + describe(e));
        err.flush();
        return FAILURE;
    }

    /** A usage error's message in Custody's words: the option named first, no Java class names. */
    static String usage(String message) {
        String line = firstLine(message);
        Matcher option = INVALID_OPTION.matcher(line);
        Matcher parameter = INVALID_PARAMETER.matcher(line);
        if (option.matches()) {
            line = option.group(1) + ": " + value(option.group(2));
        } else if (parameter.matches()) {
            line = parameter.group(1) + ": " + value(parameter.group(2));
        }
        return TerminalText.escape(line);
    }

    /** picocli's wording for a value its own converters refuse, without the Java exception it quotes. */
    private static String value(String problem) {
        Matcher cannot = CANNOT_CONVERT.matcher(problem);
        if (!cannot.matches()) {
            return withoutJavaPrefix(problem);
        }
        return "'" + cannot.group(1) + "' is not " + switch (cannot.group(2)) {
            case "Path", "File" -> "a usable file name";
            case "Integer", "int", "Long", "long" -> "a whole number in range";
            default -> "a valid " + cannot.group(2).toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String describe(Throwable e) {
        return TerminalText.escape(plain(e));
    }

    private static String plain(Throwable e) {
        return switch (e) {
            case UncheckedIOException u when u.getCause() != null -> u.getMessage() == null
                    || u.getMessage().equals(u.getCause().toString())
                    ? plain(u.getCause()) : firstLine(u.getMessage()) + ": " + plain(u.getCause());
            case NoSuchFileException f -> "no such file: " + f.getFile();
            case AccessDeniedException f -> "permission denied: " + f.getFile();
            case FileAlreadyExistsException f -> "already exists: " + f.getFile();
            case NotDirectoryException f -> "not a folder: " + f.getFile();
            case DirectoryNotEmptyException f -> "folder not empty: " + f.getFile();
            case FileSystemException f when f.getFile() != null -> f.getFile()
                    + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": "
                    + (f.getReason() != null ? f.getReason().toLowerCase(java.util.Locale.ROOT) : "cannot be used");
            case InvalidPathException p -> "'" + p.getInput() + "' is not a usable file name: " + p.getReason();
            case EOFException eof -> "a file ended before its end (truncated?)"
                    + (eof.getMessage() != null ? ": " + firstLine(eof.getMessage()) : "");
            case NumberFormatException n -> number(n);
            case OutOfMemoryError m -> "not enough memory for this command; close other programs, or give Java more"
                    + " (JAVA_TOOL_OPTIONS=-Xmx1g; a 12-megapixel photo comparison needs about 200 MB)";
            // a photo decoded, or colour band-passed, in the background ran out: the same, not a bug
            case Throwable t when t.getCause() instanceof OutOfMemoryError m -> plain(m);
            case TpmCommandException tpm when owner(tpm.command())
                    && (tpm.code().is(ResponseCode.BAD_AUTH) || tpm.code().is(ResponseCode.AUTH_FAIL)) ->
                    firstLine(tpm.getMessage()) + "; this needs the TPM owner passphrase (own reset sets one):"
                            + " give it with --owner-auth-file F";
            default -> e.getMessage() == null || e.getMessage().isBlank()
                    ? "internal error (a bug in Custody); run again with --debug for the details"
                    : withoutJavaPrefix(firstLine(e.getMessage()));
        };
    }

    /**
     * A number that reached the top unparsed: the place that read it should have named its field.
     * Quote the value at least, so the user can find it in their input.
     */
    private static String number(NumberFormatException e) {
        Matcher text = NUMBER_TEXT.matcher(String.valueOf(e.getMessage()));
        String value = text.find() ? (text.group(1) != null ? text.group(1) : text.group(2)) : null;
        return (value != null ? "'" + value + "'" : "a value") + " is not a number in the allowed range;"
                + " check the options and files given (run again with --debug to see where it was read)";
    }

    private static String withoutJavaPrefix(String message) {
        String out = message;
        for (Matcher m = JAVA_CLASS_PREFIX.matcher(out); m.find(); m = JAVA_CLASS_PREFIX.matcher(out)) {
            out = out.substring(m.end());
        }
        return out;
    }

    /** Up to the first line feed only: a carriage return inside quoted input is shown escaped, not cut at. */
    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Commands authorised by the owner hierarchy: storing objects, defining NV indexes. */
    private static boolean owner(String command) {
        return command.contains("EvictControl") || command.contains("NV_DefineSpace") || command.contains("NV_UndefineSpace")
                || command.contains("CreatePrimary");
    }
}
