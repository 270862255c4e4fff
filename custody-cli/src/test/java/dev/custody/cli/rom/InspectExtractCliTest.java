package dev.custody.cli.rom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.firmware.CorebootTools;
import dev.custody.firmware.TestImages;
import dev.custody.firmware.TinyElf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectExtractCliTest {
    static final Path CORPUS_ROM = TestImages.corpusCoreboot();

    @TempDir
    Path dir;

    @Test
    void inspectJsonHasTheContractMembers() {
        CliRun run = CliRun.of("rom", "inspect", CORPUS_ROM.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("\"size\": 262144", "\"ifd\": null", "\"fmap\": {", "\"areas\": [",
                "\"cbfs\": [", "\"blobs\": []", "\"findings\": [");
        assertThat(run.stdout()).contains(String.join("\n      ", "\"name\": \"compression_test2\",",
                "\"type\": \"raw\",", "\"offset\": 77696,", "\"size\": 74,", "\"compression\": \"lzma\",",
                "\"decompressedSize\": 13312,"));
    }

    @Test
    void extractEqualsCbfstoolExtract() throws Exception {
        Path rom = Files.copy(CORPUS_ROM, dir.resolve("rom.bin"));
        for (boolean stored : new boolean[] {false, true}) {
            Path mine = dir.resolve("mine" + stored);
            Path theirs = dir.resolve("theirs" + stored);
            CliRun run = stored
                    ? CliRun.of("rom", "extract", rom.toString(), "--name", "compression_test1", "--output", mine.toString(), "--stored")
                    : CliRun.of("rom", "extract", rom.toString(), "--name", "compression_test1", "--output", mine.toString());
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            CorebootTools.run(dir, "cbfstool", rom.toString(), "extract", "-n", "compression_test1", "-f", theirs.toString(), stored ? "-U" : "-v");
            assertThat(Files.readAllBytes(mine)).isEqualTo(Files.readAllBytes(theirs));
        }
    }

    @Test
    void stagesAndPayloadsExtractAsCbfstoolsElfFiles() throws Exception {
        Path rom = dir.resolve("elf.rom");
        CorebootTools.run(dir, "cbfstool", rom.toString(), "create", "-m", "x86", "-s", "512K");
        byte[] code = TestImages.text(100);
        Files.write(dir.resolve("tiny.elf"), TinyElf.i386(0x100000, List.of(
                new TinyElf.Segment(0x100000, code, code.length + 0x200, true))));
        CorebootTools.run(dir, "cbfstool", rom.toString(), "add-stage", "-f", "tiny.elf", "-n", "fallback/romstage", "-c", "lz4");
        CorebootTools.run(dir, "cbfstool", rom.toString(), "add-payload", "-f", "tiny.elf", "-n", "fallback/payload");
        for (String name : List.of("fallback/romstage", "fallback/payload")) {
            Path mine = dir.resolve("mine.elf");
            Path theirs = dir.resolve("theirs.elf");
            // Without --arch, the contract's invocation: x86, as for every Heads board.
            CliRun run = CliRun.of("rom", "extract", rom.toString(), "--name", name, "--output", mine.toString());
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            // cbfstool names payload sections from freed memory and, in a few runs in a hundred,
            // writes other names (see PayloadElf); such runs are repeated.
            for (int attempt = 0; attempt < 8; attempt++) {
                CorebootTools.run(dir, "cbfstool", rom.toString(), "extract", "-n", name, "-f", theirs.toString(), "-m", "x86");
                if (Arrays.equals(Files.readAllBytes(mine), Files.readAllBytes(theirs))) {
                    break;
                }
            }
            assertThat(Files.readAllBytes(mine)).as(name).isEqualTo(Files.readAllBytes(theirs));
        }
        CliRun unknown = CliRun.of("rom", "extract", rom.toString(), "--name", "fallback/payload", "--output",
                dir.resolve("x").toString(), "--arch", "ppc64");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("'ppc64' is not an architecture cbfstool writes ELF files for");
    }

    @Test
    void badImagesGiveOneLineAndExitOne() throws IOException {
        byte[] random = new byte[1 << 20];
        new Random(9).nextBytes(random);
        Path junk = Files.write(dir.resolve("junk.rom"), random);
        CliRun run = CliRun.of("rom", "inspect", junk.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("custody: firmware image at offset 0x0: no Intel flash descriptor").hasLineCount(1);
        CliRun missing = CliRun.of("rom", "extract", CORPUS_ROM.toString(), "--name", "nope", "--output", dir.resolve("x").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("custody: no CBFS file named 'nope' in region 'COREBOOT'\n");
    }
}
