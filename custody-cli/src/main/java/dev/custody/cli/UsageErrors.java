package dev.custody.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A mistake on the command line gets one line and exit code 2, as the README promises, with the
 * closest valid word where picocli knows one. The whole usage is one {@code --help} away; printing
 * it unasked buried the one line that said what was wrong.
 */
final class UsageErrors implements IParameterExceptionHandler {
    static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        if (CustodyCommand.debug) {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().println("custody: " + describe(e) + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
        cli.getErr().flush();
        return USAGE;
    }

    static String describe(ParameterException e) {
        String message = UserFacingErrors.usage(e.getMessage() == null ? "invalid command line" : e.getMessage());
        if (message.startsWith("Missing required subcommand")) {
            message = "say which command: " + String.join(", ", e.getCommandLine().getSubcommands().keySet());
        }
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                return message + "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
            }
        }
        return message;
    }
}
