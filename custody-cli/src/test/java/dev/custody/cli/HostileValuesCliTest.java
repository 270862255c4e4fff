package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile option values and files: each is refused in one line that starts with "custody: ",
 * names the option or file that is wrong, and carries none of Java's own wording.
 */
class HostileValuesCliTest {
    @TempDir
    Path work;

    /** A command line and what its error must name. */
    private record Case(String names, String... args) {}

    @Test
    void everyRefusalIsOneLineNamingTheOptionOrFile() throws IOException {
        Path folder = Files.createDirectories(work.resolve("a-folder"));
        Path empty = Files.createFile(work.resolve("empty.rom"));
        Path missing = work.resolve("missing.bin");
        Path secret = Files.writeString(work.resolve("secret"), "s");
        String tpm = "device:" + missing;
        List<Case> cases = List.of(
                new Case("--index", "tpm", "nv", "read", "--tpm", tpm, "--index", "ffffffffffffffffffff"),
                new Case("--index", "tpm", "nv", "read", "--tpm", tpm, "--index", "0x1ffffffff"),
                new Case("--index", "tpm", "counter", "read", "--tpm", tpm, "--index", "-1"),
                new Case("--index", "tpm", "nv", "define", "--tpm", tpm, "--index", "0xgg", "--size", "8"),
                new Case("--size", "tpm", "nv", "define", "--tpm", tpm, "--index", "0x01500000", "--size", "99999999999"),
                new Case("--size", "tpm", "nv", "define", "--tpm", tpm, "--index", "0x01500000", "--size", "-4"),
                new Case("--handle", "tpm", "persistent", "evict", "--tpm", tpm, "--handle", "0x810000000000"),
                new Case("--handle", "tpm", "unseal", "--tpm", tpm, "--handle", "handle", "--out", "-"),
                new Case("--pcrs", "tpm", "pcrs", "--tpm", tpm, "--pcrs", "99"),
                new Case("--pcrs", "tpm", "pcrs", "--tpm", tpm, "--pcrs", "0-ffffffffffffffffffff"),
                new Case("--pcrs", "tpm", "seal", "--tpm", tpm, "--pcrs", "", "--in", secret.toString(), "--handle", "0x81000700"),
                new Case("--pcrs", "tpm", "quote", "--tpm", tpm, "--pcrs", "7,,x"),
                new Case("--align", "rom", "add", empty.toString(), "--name", "n", "--file", secret.toString(), "--align", "ffffffffffffffffffff"),
                new Case("--size", "seals", "generate", "--out", work.resolve("g").toString(), "--size", "-5x-5"),
                new Case("--size", "seals", "generate", "--out", work.resolve("g").toString(), "--size", "99999999999x2"),
                new Case("ROM", "rom", "inspect", "bad\0name"),
                new Case(missing.toString(), "rom", "inspect", missing.toString()),
                new Case(folder.toString(), "rom", "inspect", folder.toString()),
                new Case("firmware image", "rom", "inspect", empty.toString()),
                new Case(missing.toString(), "eventlog", "show", missing.toString()),
                new Case(folder.toString(), "eventlog", "show", folder.toString()),
                new Case(missing.toString(), "boot", "entries", "--boot", missing.toString()),
                new Case(missing.toString(), "tpm", "pcrs", "--tpm", tpm));
        for (Case c : cases) {
            CliRun run = CliRun.of(c.args());
            String what = String.join(" ", c.args()).replace("\0", "\\0");
            assertThat(run.exitCode()).as(what).isNotZero();
            assertThat(run.err()).as(what).startsWith("custody: ").hasLineCount(1).contains(c.names())
                    .doesNotContain("Exception", "java.", "For input string", "exceeds range", "\tat ");
        }
    }
}
