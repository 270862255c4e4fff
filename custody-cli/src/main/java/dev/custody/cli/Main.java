package dev.custody.cli;

import picocli.CommandLine;

/** Entry point of the {@code custody} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; tests call this directly. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new CustodyCommand());
        Subcommands.register(cli, args);
        UserFacingErrors errors = new UserFacingErrors();
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
