package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        CbfstoolAssertions.sameAsCbfstool(dir, image, parsed);
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
        CbfstoolAssertions.sameAsCbfstool(dir, image, parsed);
    }

    @Test
    void legacyMasterHeaderImage() throws IOException {
        Path image = TestImages.legacy(dir);
        FirmwareImage parsed = FirmwareImage.read(image);
        assertThat(parsed.fmap()).isEmpty();
        assertThat(parsed.cbfs().getFirst().masterHeader()).isPresent();
        CbfstoolAssertions.sameAsCbfstool(dir, image, parsed);
    }

    @Test
    void realCorebootImageFromTheCorpus() throws IOException {
        Path image = Files.copy(TestImages.corpusCoreboot(), dir.resolve("corpus.rom"));
        FirmwareImage parsed = FirmwareImage.read(image);
        CbfstoolAssertions.sameAsCbfstool(dir, image, parsed);
        Cbfs cbfs = parsed.cbfs(Optional.empty());
        assertThat(cbfs.require("compression_test1").contents()).hasSize(13312)
                .isEqualTo(cbfs.require("compression_test2").contents());
        assertThat(cbfs.require("fallback/romstage").type()).isEqualTo(new CbfsType.Unknown(0x10));
    }
}
