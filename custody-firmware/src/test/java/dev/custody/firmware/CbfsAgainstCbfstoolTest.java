package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.firmware.CorebootTools.Listed;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custody's CBFS listing and extraction equal cbfstool's on images cbfstool built. */
class CbfsAgainstCbfstoolTest {
    @TempDir
    Path dir;

    @Test
    void manyFileTypesCompressionsAndHashes() throws IOException {
        Path image = TestImages.manyFiles(dir);
        FirmwareImage parsed = FirmwareImage.read(image);
        assertSameAsCbfstool(image, parsed);
        Cbfs cbfs = parsed.cbfs(Optional.empty());
        assertThat(cbfs.files()).extracting(f -> f.type().cbfstoolName())
                .contains("bootblock", "cbfs header", "stage", "simple elf", "fit", "optionrom", "microcode", "fsp",
                        "mrc", "cmos_layout", "spd", "mrc_cache", "efi", "struct", "null");
        assertThat(cbfs.require("text.lz4").hash()).isPresent();
        assertThat(cbfs.require("text.lzma").contents()).isEqualTo(TestImages.text(800));
    }

    @Test
    void twoCbfsRegions() throws IOException {
        Path image = TestImages.twoRegions(dir);
        FirmwareImage parsed = FirmwareImage.read(image);
        assertThat(parsed.cbfs()).extracting(Cbfs::region).containsExactlyInAnyOrder("COREBOOT", "FW_MAIN_A");
        assertSameAsCbfstool(image, parsed);
    }

    @Test
    void legacyMasterHeaderImage() throws IOException {
        Path image = TestImages.legacy(dir);
        FirmwareImage parsed = FirmwareImage.read(image);
        assertThat(parsed.fmap()).isEmpty();
        assertThat(parsed.cbfs().getFirst().masterHeader()).isPresent();
        assertSameAsCbfstool(image, parsed);
    }

    @Test
    void realCorebootImageFromTheCorpus() throws IOException {
        Path image = Files.copy(TestImages.corpusCoreboot(), dir.resolve("corpus.rom"));
        FirmwareImage parsed = FirmwareImage.read(image);
        assertSameAsCbfstool(image, parsed);
        Cbfs cbfs = parsed.cbfs(Optional.empty());
        assertThat(cbfs.require("compression_test1").contents()).hasSize(13312)
                .isEqualTo(cbfs.require("compression_test2").contents());
        assertThat(cbfs.require("fallback/romstage").type()).isEqualTo(new CbfsType.Unknown(0x10));
    }

    private void assertSameAsCbfstool(Path image, FirmwareImage parsed) throws IOException {
        for (Cbfs cbfs : parsed.cbfs()) {
            List<Listed> expected = CorebootTools.cbfsListing(dir, image, cbfs.region());
            List<Listed> actual = cbfs.files().stream().map(f -> new Listed(f.displayName(), f.offset(),
                    f.type().cbfstoolName(), f.data().length, f.compression().label(), f.decompressedSize())).toList();
            assertThat(actual).as("files of %s in %s", cbfs.region(), image.getFileName()).isEqualTo(expected);
            for (CbfsFile file : cbfs.files()) {
                if (!file.isEmptySpace()) {
                    assertExtractsLikeCbfstool(image, cbfs.region(), file);
                }
            }
        }
    }

    private void assertExtractsLikeCbfstool(Path image, String region, CbfsFile file) throws IOException {
        Path stored = dir.resolve("stored.bin");
        CorebootTools.run(dir, "cbfstool", image.toString(), "extract", "-r", region, "-n", file.name(), "-f",
                stored.toString(), "-U");
        assertThat(file.data()).as("stored bytes of %s", file.name()).isEqualTo(Files.readAllBytes(stored));
        if (!(file.type() instanceof CbfsType.Unknown) && file.type() != CbfsType.Known.STAGE
                && file.type() != CbfsType.Known.SELF) {
            Path contents = dir.resolve("contents.bin");
            CorebootTools.run(dir, "cbfstool", image.toString(), "extract", "-r", region, "-n", file.name(), "-f",
                    contents.toString());
            assertThat(file.contents()).as("contents of %s", file.name()).isEqualTo(Files.readAllBytes(contents));
        }
    }
}
