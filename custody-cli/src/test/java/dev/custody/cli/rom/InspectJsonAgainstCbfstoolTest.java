package dev.custody.cli.rom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.firmware.CorebootTools;
import dev.custody.firmware.CorebootTools.Listed;
import dev.custody.firmware.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance check as a user would run it: {@code rom inspect --json} against {@code cbfstool print -k -v}. */
class InspectJsonAgainstCbfstoolTest {
    @TempDir
    Path dir;

    @Test
    void everyFileCbfstoolListsIsInTheJson() throws Exception {
        Path rom = TestImages.fmapImage(dir, "image.rom", "FLASH 512K {\n BIOS@0 512K {\n  FMAP@0 0x200\n  COREBOOT(CBFS)\n }\n}\n",
                "COREBOOT");
        Files.writeString(dir.resolve("text.bin"), "compressible text\n".repeat(2000));
        TestImages.add(rom, "-f", "text.bin", "-n", "a.lzma", "-t", "raw", "-c", "lzma");
        TestImages.add(rom, "-f", "text.bin", "-n", "b.lz4", "-t", "raw", "-c", "lz4", "-A", "sha256");
        TestImages.add(rom, "-f", "text.bin", "-n", "c.bin", "-t", "mrc", "-a", "4096");
        CliRun inspect = CliRun.of("rom", "inspect", rom.toString(), "--json");
        assertThat(inspect.exitCode()).as(inspect.stderr()).isZero();
        List<Listed> listed = CorebootTools.cbfsListing(dir, rom, "COREBOOT");
        for (Listed file : listed) {
            assertThat(inspect.stdout()).contains(String.join("\n      ", "\"name\": \"" + file.name() + "\",",
                    "\"type\": \"" + file.type() + "\",", "\"offset\": " + file.offset() + ",", "\"size\": " + file.size() + ",",
                    "\"compression\": \"" + file.compression() + "\",", "\"decompressedSize\": " + file.decompressedSize() + ","));
        }
        assertThat(listed).hasSize(5);
    }

    @Test
    void predictFollowsACbmemLog() throws Exception {
        Path log = Files.writeString(dir.resolve("cbmem.txt"),
                " PCR-2 00 SHA256 [FMAP: COREBOOT CBFS: fallback/romstage]\n PCR-2 00 SHA256 [FMAP: COREBOOT CBFS: bootblock]\n");
        CliRun run = CliRun.of("rom", "predict", TestImages.corpusCoreboot().toString(), "--eventlog", log.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("\"7\": \"" + "0".repeat(64) + "\"")
                .containsSubsequence("\"description\": \"CBFS: fallback/romstage\"", "\"description\": \"CBFS: bootblock\"");
        Path notALog = Files.writeString(dir.resolve("empty.txt"), "hello\n");
        CliRun bad = CliRun.of("rom", "predict", TestImages.corpusCoreboot().toString(), "--eventlog", notALog.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("custody: the event log has no 'PCR-N");
    }
}
