package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.fmap.Fmap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write side of each structure gives back exactly the bytes cbfstool and fmaptool wrote. */
class RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void fmapAndEveryCbfsFileWriteBackByteForByte() throws IOException {
        for (Path path : new Path[] {TestImages.manyFiles(dir), TestImages.twoRegions(dir)}) {
            FirmwareImage image = FirmwareImage.read(path);
            Fmap fmap = image.fmap().orElseThrow();
            byte[] written = fmap.toBytes();
            assertThat(written).isEqualTo(Arrays.copyOfRange(image.bytes(), fmap.location(), fmap.location() + written.length));
            int files = 0;
            for (Cbfs cbfs : image.cbfs()) {
                for (CbfsFile file : cbfs.files()) {
                    int at = cbfs.absolute(file.offset());
                    byte[] bytes = file.toBytes();
                    assertThat(bytes).as("%s in %s", file.displayName(), path.getFileName())
                            .isEqualTo(Arrays.copyOfRange(image.bytes(), at, at + bytes.length));
                    files++;
                }
            }
            assertThat(files).isGreaterThan(5);
        }
    }
}
