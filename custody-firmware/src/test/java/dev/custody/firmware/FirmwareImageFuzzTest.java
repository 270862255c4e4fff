package dev.custody.firmware;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.elf.ElfArchitecture;
import dev.custody.firmware.elf.Extraction;
import dev.custody.firmware.inventory.BlobInventory;
import dev.custody.firmware.inventory.Findings;
import dev.custody.firmware.predict.MeasurementPredictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Any bytes given as a ROM, read as {@code rom inspect}, {@code rom predict} and {@code rom
 * extract} read them: descriptor, FMAP, every CBFS and every file in it, the ME and GbE regions.
 */
class FirmwareImageFuzzTest {
    private static final Path REAL_IMAGES = Path.of("../testdata/corpus/firmware");

    @FuzzTest
    void anyImage(byte[] data) {
        FirmwareImage image;
        try {
            image = FirmwareImage.parse(data);
        } catch (ImageFormatException refused) {
            FuzzRefusals.requireOneLine(refused);
            return;
        }
        ignoringFormatErrors(() -> BlobInventory.of(image));
        ignoringFormatErrors(() -> Findings.of(image));
        try {
            ignoringFormatErrors(() -> MeasurementPredictor.predict(image));
        } catch (IllegalArgumentException refused) {
            // Prediction's own refusal: an image without the CBFS it measures (named in the message).
            if (refused.getClass() != IllegalArgumentException.class || !refused.getMessage().contains("CBFS")) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
        for (Cbfs cbfs : image.cbfs()) {
            for (CbfsFile file : cbfs.files()) {
                ignoringFormatErrors(() -> Extraction.contents(file, Optional.of(ElfArchitecture.X86)));
            }
        }
    }

    /** The corpus's real coreboot images, which are too large to copy into the regression inputs. */
    @Test
    void realImages() throws IOException {
        try (var files = Files.list(REAL_IMAGES)) {
            for (Path image : files.sorted().toList()) {
                anyImage(Files.readAllBytes(image));
            }
        }
    }

    private static void ignoringFormatErrors(Runnable reading) {
        try {
            reading.run();
        } catch (ImageFormatException refused) {
            // One broken structure is reported; the rest of the image is still read.
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
