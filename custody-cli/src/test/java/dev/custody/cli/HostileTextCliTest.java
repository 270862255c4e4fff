package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.firmware.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that come from a ROM, an event log or a boot config may carry escape codes, carriage
 * returns and bidi overrides. Human output shows them as visible escapes; JSON keeps them exact.
 */
class HostileTextCliTest {
    private static final String EVIL = "evil\u001b[31mRED\u001b[0m\rOVERWRITE\u0007\u202eexe.jpg";
    private static final String SHOWN = "evil\\x1b[31mRED\\x1b[0m\\rOVERWRITE\\x07\\u202eexe.jpg";
    /** CBFS names are ASCII. */
    private static final String EVIL_ASCII = "evil\u001b[31mRED\u001b[0m\rOVERWRITE\u0007";
    private static final String SHOWN_ASCII = "evil\\x1b[31mRED\\x1b[0m\\rOVERWRITE\\x07";
    /** Boot configs and cbmem output are read line by line, so a carriage return would end the text. */
    private static final String EVIL_LINE = "evil\u001b[31mRED\u001b[0m\u0007\u202eexe.jpg";
    private static final String SHOWN_LINE = "evil\\x1b[31mRED\\x1b[0m\\x07\\u202eexe.jpg";

    @TempDir
    Path work;

    @Test
    void aCbfsNameIsEscapedByRomInspectAndDiffAndExactInJson() throws IOException {
        Path rom = Files.copy(TestImages.corpusCoreboot(), work.resolve("rom.bin"));
        Path file = Files.writeString(work.resolve("payload"), "x");
        CliRun added = CliRun.of("rom", "add", rom.toString(), "--name", EVIL_ASCII, "--file", file.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();

        CliRun inspect = CliRun.of("rom", "inspect", rom.toString());
        assertThat(inspect.exitCode()).isZero();
        assertTerminalSafe(inspect.out());
        assertThat(inspect.out()).contains("  COREBOOT       " + SHOWN_ASCII + " ");

        CliRun json = CliRun.of("rom", "inspect", "--json", rom.toString());
        assertThat(json.out()).contains("\"evil\\u001b[31mRED\\u001b[0m\\rOVERWRITE\\u0007\"");

        CliRun diff = CliRun.of("rom", "diff", TestImages.corpusCoreboot().toString(), rom.toString());
        assertTerminalSafe(diff.out());
        assertThat(diff.out()).contains("COREBOOT/" + SHOWN_ASCII);
    }

    @Test
    void anEventDescriptionReachesTheTerminalOnlyEscaped() throws IOException {
        Path log = Files.writeString(work.resolve("cbmem.txt"), "coreboot TPM log:\n\n PCR-2 " + "ab".repeat(32)
                + " SHA256 [" + EVIL_LINE + "]\n PCR-3 " + "cd".repeat(32) + " SHA256 [" + EVIL_LINE + "]\n");
        CliRun show = CliRun.of("eventlog", "show", log.toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertTerminalSafe(show.out());
        assertThat(show.out()).contains("PCR 2", "PCR 3");

        Path other = Files.writeString(work.resolve("other.txt"), "coreboot TPM log:\n\n PCR-2 " + "ab".repeat(32)
                + " SHA256 [plain]\n");
        CliRun diff = CliRun.of("eventlog", "diff", log.toString(), other.toString());
        assertTerminalSafe(diff.out() + diff.err());
        assertThat(diff.out()).contains("PCR 3");
    }

    @Test
    void aGrubMenuTitleIsEscapedByBootEntries() throws IOException {
        Path boot = work.resolve("boot");
        Files.createDirectories(boot.resolve("grub"));
        Files.writeString(boot.resolve("grub/grub.cfg"),
                "menuentry '" + EVIL_LINE + "' {\n linux /vmlinuz root=/dev/sda2\n}\n");
        Files.writeString(boot.resolve("vmlinuz"), "kernel");
        CliRun entries = CliRun.of("boot", "entries", "--boot", boot.toString());
        assertThat(entries.exitCode()).as(entries.err()).isZero();
        assertTerminalSafe(entries.out());
        assertThat(entries.out()).startsWith(SHOWN_LINE + "|").hasLineCount(1);
    }

    @Test
    void anErrorQuotingAHostileValueIsEscaped() {
        CliRun run = CliRun.of("tpm", "pcrs", "--tpm", "floppy:" + EVIL);
        assertThat(run.exitCode()).isNotZero();
        assertTerminalSafe(run.err());
        assertThat(run.err()).contains(SHOWN).hasLineCount(1);
    }

    private static void assertTerminalSafe(String output) {
        assertThat(output).doesNotContain("\u001b", "\r", "\u0007", "\u202e");
    }
}
