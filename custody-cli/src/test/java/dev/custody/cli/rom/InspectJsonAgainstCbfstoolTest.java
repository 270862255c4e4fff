package dev.custody.cli.rom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.CorebootTpm2LogWriter;
import dev.custody.eventlog.HashAlgorithm;
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
        Path log = Files.writeString(dir.resolve("cbmem.txt"), """
                coreboot TPM log:

                 PCR-2 %1$s SHA256 [FMAP: COREBOOT CBFS: fallback/romstage]
                 PCR-3 %1$s SHA256 [FMAP: COREBOOT CBFS: config]
                 PCR-2 %1$s SHA256 [FMAP: COREBOOT CBFS: bootblock]
                """.formatted("00".repeat(32)));
        CliRun run = CliRun.of("rom", "predict", TestImages.corpusCoreboot().toString(), "--eventlog", log.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("\"7\": \"" + "0".repeat(64) + "\"")
                .containsSubsequence("\"description\": \"CBFS: fallback/romstage\"", "\"description\": \"CBFS: bootblock\"")
                .doesNotContain("CBFS: config");
        Path notALog = Files.writeString(dir.resolve("empty.txt"), "hello\n");
        CliRun bad = CliRun.of("rom", "predict", TestImages.corpusCoreboot().toString(), "--eventlog", notALog.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("custody: not a measurement log: this is text, and not the output of cbmem -L\n");
    }

    /** A binary CBT2 log (coreboot's TPM 2.0 format) gives the same PCR 2 as the text of the same measurements. */
    @Test
    void predictFollowsABinaryCorebootTpm2Log() throws Exception {
        Bytes zero = Bytes.filled(32, 0);
        Path log = dir.resolve("cbt2.bin");
        CorebootTpm2LogWriter.write(log, HashAlgorithm.SHA256, List.of(
                new CorebootTpm2LogWriter.Measurement(2, zero, "CBFS: bootblock"),
                new CorebootTpm2LogWriter.Measurement(3, zero, "CBFS: config"),
                new CorebootTpm2LogWriter.Measurement(2, zero, "CBFS: fallback/romstage"),
                new CorebootTpm2LogWriter.Measurement(2, zero, "CBFS: fallback/payload")), 16);
        Path text = Files.writeString(dir.resolve("cbmem.txt"), """
                coreboot TPM log:

                 PCR-2 %1$s SHA256 [FMAP: COREBOOT CBFS: bootblock]
                 PCR-2 %1$s SHA256 [FMAP: COREBOOT CBFS: fallback/romstage]
                 PCR-2 %1$s SHA256 [FMAP: COREBOOT CBFS: fallback/payload]
                """.formatted(zero.hex()));
        String rom = TestImages.corpusCoreboot().toString();
        CliRun binary = CliRun.of("rom", "predict", rom, "--eventlog", log.toString(), "--json");
        CliRun fromText = CliRun.of("rom", "predict", rom, "--eventlog", text.toString(), "--json");
        assertThat(binary.exitCode()).as(binary.stderr()).isZero();
        assertThat(binary.stdout()).isEqualTo(fromText.stdout()).containsSubsequence("CBFS: bootblock",
                "CBFS: fallback/romstage", "CBFS: fallback/payload");

        Path uefi = dir.resolve("option-rom.bin");
        CorebootTpm2LogWriter.write(uefi, HashAlgorithm.SHA256, List.of(
                new CorebootTpm2LogWriter.Measurement(2, zero, "CBFS: bootblock"),
                new CorebootTpm2LogWriter.Measurement(2, zero, "option ROM 8086:0166")), 4);
        CliRun refused = CliRun.of("rom", "predict", rom, "--eventlog", uefi.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("custody: event 2 of ").contains("option ROM 8086:0166",
                "not a CBFS file").hasLineCount(1);
    }
}
