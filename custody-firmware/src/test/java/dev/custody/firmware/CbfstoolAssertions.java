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

/**
 * Every CBFS of a parsed image lists as {@code cbfstool print} lists it, and every file's stored
 * bytes equal {@code cbfstool extract -U}; decompressed contents equal {@code cbfstool extract}
 * for the types cbfstool does not turn into ELF.
 */
final class CbfstoolAssertions {
    private CbfstoolAssertions() {}

    static void sameAsCbfstool(Path dir, Path image, FirmwareImage parsed) throws IOException {
        for (Cbfs cbfs : parsed.cbfs()) {
            List<Listed> expected = CorebootTools.cbfsListing(dir, image, cbfs.region());
            List<Listed> actual = cbfs.files().stream().map(f -> new Listed(f.displayName(), f.offset(),
                    f.type().cbfstoolName(), f.data().length, f.compression().label(), f.decompressedSize())).toList();
            assertThat(actual).as("files of %s in %s", cbfs.region(), image.getFileName()).isEqualTo(expected);
            for (CbfsFile file : cbfs.files()) {
                if (!file.isEmptySpace()) {
                    extractsLikeCbfstool(dir, image, cbfs.region(), file);
                }
            }
        }
    }

    private static void extractsLikeCbfstool(Path dir, Path image, String region, CbfsFile file) throws IOException {
        Path stored = dir.resolve("stored.bin");
        CorebootTools.run(dir, "cbfstool", image.toString(), "extract", "-r", region, "-n", file.name(), "-f",
                stored.toString(), "-U");
        assertThat(file.data()).as("stored bytes of %s", file.name()).isEqualTo(Files.readAllBytes(stored));
        if (file.type() != CbfsType.Known.STAGE && file.type() != CbfsType.Known.SELF) {
            Path contents = dir.resolve("contents.bin");
            CorebootTools.run(dir, "cbfstool", image.toString(), "extract", "-r", region, "-n", file.name(), "-f",
                    contents.toString());
            assertThat(file.contents()).as("contents of %s", file.name()).isEqualTo(Files.readAllBytes(contents));
        }
    }
}
