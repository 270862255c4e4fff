package dev.custody.cli;

import picocli.CommandLine;

/**
 * The command line parsed by picocli, for everything {@link DirectRun} leaves to it. Apart from
 * {@link Main}, whose methods the launcher lists, so that a boot-time command, which DirectRun
 * runs, never loads picocli's {@code CommandLine}: its class file is too old a version for the
 * start-up cache, so the JVM parses and verifies its 300 KB at every run.
 */
public final class PicocliRun {
    private PicocliRun() {}

    /** Every command, for what documents them all: completion scripts, man pages, help checks. */
    public static CommandLine commandTree() {
        return commandLine();
    }

    static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** The commands needed for {@code args}: only the one invoked when it is known, as start-up time counts. */
    static CommandLine commandLine(String... args) {
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
