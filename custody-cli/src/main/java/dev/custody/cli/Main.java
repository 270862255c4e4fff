package dev.custody.cli;

import java.util.OptionalInt;
import picocli.CommandLine;

/** Entry point of the {@code custody} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; tests call this directly. */
    public static int run(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // picocli's model of even the bare top-level command costs more than the rest of a start-up.
            System.out.println(String.join(System.lineSeparator(), new CustodyVersion().getVersion()));
            return 0;
        }
        OptionalInt direct = DirectRun.run(args);
        return direct.isPresent() ? direct.getAsInt() : commandLine(args).execute(args);
    }

    /** Every command, for what documents them all: completion scripts, man pages, help checks. */
    public static CommandLine commandTree() {
        return commandLine();
    }

    /** The commands needed for {@code args}: only the one invoked when it is known, as start-up time counts. */
    private static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new CustodyCommand());
        Subcommands.register(cli, args);
        HelpLayout.apply(cli);
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionExceptionHandler(new UserFacingErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        DomainValues.register(cli);
        return cli;
    }
}
