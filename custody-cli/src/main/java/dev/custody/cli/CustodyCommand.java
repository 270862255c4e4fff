package dev.custody.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "custody",
        mixinStandardHelpOptions = true,
        versionProvider = CustodyVersion.class,
        description = {
            "Tamper-evident boot in the style of Heads: prove that nobody changed this machine",
            "(firmware, /boot, case seals) while it was out of your sight.",
        })
public final class CustodyCommand {
    /** Global so that it can be given anywhere on the command line. */
    @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show stack traces when something fails.")
    static boolean debug;
}
