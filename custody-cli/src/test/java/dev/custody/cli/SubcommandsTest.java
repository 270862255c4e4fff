package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandsTest {
    @Test
    void aGroupRegistersItsSubcommandsUnderTheNamesTheyDeclare() {
        CommandLine all = new CommandLine(new CustodyCommand());
        Subcommands.register(all);

        all.getSubcommands().values().forEach(SubcommandsTest::assertNamedAsDeclared);
        assertThat(all.getSubcommands()).containsKeys("tpm", "boot", "rom", "eventlog", "lab", "disk-key", "totp");
        assertThat(all.getSubcommands().get("boot").getSubcommands()).containsKeys("sign", "verify", "plan");
    }

    @Test
    void aNamedCommandIsRegisteredAloneAndVersionRegistersNothing() {
        CommandLine verify = new CommandLine(new CustodyCommand());
        Subcommands.register(verify, "--debug", "boot", "verify", "--boot", "/boot", "--keyring", "k.asc");
        assertThat(verify.getSubcommands()).containsOnlyKeys("boot");
        assertThat(verify.getSubcommands().get("boot").getSubcommands()).containsOnlyKeys("verify");

        CommandLine version = new CommandLine(new CustodyCommand());
        Subcommands.register(version, "--version");
        assertThat(version.getSubcommands()).isEmpty();
    }

    @Test
    void aTypoGetsTheWholeLevelSoThatPicocliCanSuggest() {
        CliRun typo = CliRun.of("boot", "verfy");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("verify");
    }

    @Test
    void globalDebugReachesALazilyRegisteredCommand() {
        CliRun run = CliRun.of("boot", "verify", "--help");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("--debug");
    }

    private static void assertNamedAsDeclared(CommandLine command) {
        String declared = command.getCommand().getClass().getAnnotation(CommandLine.Command.class).name();
        assertThat(command.getCommandName()).isEqualTo(declared);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            assertNamedAsDeclared(sub.getValue());
        }
    }
}
