package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A mistake on the command line: one line on stderr, starting "custody:", and exit code 2. */
class UsageErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "tpmx", "tpm", "tpm pcrs --bogus", "tpm pcrs --pcrs", "own", "lab create", "rom inspect",
        "eventlog replay --json --nonsense", "seals compare onlyone", "completion fish", "boot verify extra-word",
        "lab tamper /nonexistent --what bogus", "tpm pcrs --bank md5", "tpm quote --bank md4",
    })
    void isOneLineAndExitCodeTwo(String commandLine) {
        CliRun run = CliRun.of(commandLine.split(" "));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).hasSize(1).first().asString().startsWith("custody: ");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpmx", "tpm pcr"})
    void aMistypedCommandGetsTheClosestOne(String commandLine) {
        assertThat(CliRun.of(commandLine.split(" ")).err()).contains("did you mean");
    }
}
