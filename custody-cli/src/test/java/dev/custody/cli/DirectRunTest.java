package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

class DirectRunTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "totp --machine /tmp/lab --json",
        "--debug totp --machine /tmp/lab",
        "totp --machine=/tmp/lab --pcrs 0,1,2 --debug",
        "totp --tpm swtpm:127.0.0.1:2321 --state-dir /var/lib/x --boot /b",
        "hotp --machine /tmp/lab --json",
        "boot verify --boot /b --keyring k.asc",
        "boot verify --keyring k.asc",
        "boot verify --keyring=k.asc --require-rollback --config c --json --tpm swtpm:localhost:2321 --state-dir s",
        "rom inspect img.rom",
        "rom inspect --json img.rom",
        "eventlog replay",
        "eventlog replay a.bin b.bin --json c.bin",
        "lab power-on /tmp/lab",
        "lab power-on /tmp/lab --timeout 60 --json",
        "disk-key unseal --machine /x --out k",
        "tpm info --tpm vtpm:/tmp/v --json",
        "tpm power-cycle --tpm vtpm:/tmp/v --state-dir /s",
        "recovery-auth off --machine /tmp/lab --owner-auth-file o --json",
    })
    void bindsAPlainCommandLineAsPicocliDoes(String line) throws Exception {
        String[] args = line.split(" ");
        Object direct = DirectRun.bound(args).orElseThrow(() -> new AssertionError("not taken directly: " + line));
        assertSameFields(direct, picocli(args), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "totp --help", "totp -h", "totp --version", "totp seal --machine /tmp/lab", "totp --machine",
        "totp --machine --json", "totp --machine a --machine b", "totp --json --json", "totp --jsn",
        "totp --json=true", "totp --pcrs -1", "lab power-on /l --timeout 010",
        "lab power-on /l --timeout 0x10", "lab power-on /l --timeout 99999999999999999999",
        "boot verify", "boot verify --boot /b", "rom inspect", "rom inspect a b",
        "eventlog replay -- a", "totp @args", "boot plan --entry 1 --keyring k", "tpm", "boot", "",
        "--debug --debug totp", "boot --debug verify --keyring k", "totp --pcrs --debug 0,1", "bogus", "--help",
        // An Optional option (--chip), which picocli sets to empty when it is absent.
        "rom read --output o --programmer dummy",
    })
    void leavesEverythingElseToPicocli(String line) {
        assertThat(DirectRun.bound(line.isEmpty() ? new String[0] : line.split(" "))).as(line).isEmpty();
    }

    @Test
    void leavesAValueThatDoesNotConvertToPicocli() {
        assertThat(DirectRun.bound("rom", "inspect", "a\0b")).isEmpty();
    }

    private static Object picocli(String... args) {
        CommandLine cli = new CommandLine(new CustodyCommand());
        Subcommands.register(cli, args);
        DomainValues.register(cli);
        ParseResult result = cli.parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec().userObject();
    }

    /** Every option, parameter and mixin field, recursively, as picocli set it. */
    private static void assertSameFields(Object direct, Object picocli, String where) throws IllegalAccessException {
        assertThat(direct).as(where).hasSameClassAs(picocli);
        for (Class<?> type = direct.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                field.setAccessible(true);
                if (field.isAnnotationPresent(Mixin.class)) {
                    assertSameFields(field.get(direct), field.get(picocli), where + " " + field.getName());
                } else if (field.isAnnotationPresent(Option.class) || field.isAnnotationPresent(Parameters.class)) {
                    assertThat(Objects.equals(field.get(direct), field.get(picocli)))
                            .as("%s: %s is %s, picocli sets %s", where, field.getName(), field.get(direct), field.get(picocli))
                            .isTrue();
                }
            }
        }
    }
}
