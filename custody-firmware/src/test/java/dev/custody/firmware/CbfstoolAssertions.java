package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.firmware.CorebootTools.Listed;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.elf.ElfArchitecture;
import dev.custody.firmware.elf.Extraction;
import dev.custody.firmware.cbfs.CbfsType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every CBFS of a parsed image lists as {@code cbfstool print} lists it, every file's stored bytes
 * equal {@code cbfstool extract -U}, and what Custody extracts equals {@code cbfstool extract -m
 * x86} (ELF files for stages and payloads); where cbfstool refuses a file, Custody reports an
 * {@link ImageFormatException}.
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
        extractsLikeCbfstool(dir, image, region, file, ElfArchitecture.X86);
    }

    /**
     * cbfstool 4.15 names a payload's sections through pointers to freed memory (see PayloadElf):
     * in about 3 runs of 100, address randomisation leaves other bytes there and the names table
     * changes length. Such runs are repeated, up to this many times.
     */
    private static final int PAYLOAD_ATTEMPTS = 8;

    /** {@code cbfstool extract -m ARCH} and Custody's extraction give the same bytes, or both refuse the file. */
    static void extractsLikeCbfstool(Path dir, Path image, String region, CbfsFile file, ElfArchitecture architecture)
            throws IOException {
        Path contents = dir.resolve("contents.bin");
        for (int attempt = 1; ; attempt++) {
            Files.deleteIfExists(contents);
            CorebootTools.Result cbfstool = CorebootTools.tryRun(dir, "cbfstool", image.toString(), "extract", "-r",
                    region, "-n", file.name(), "-f", contents.toString(), "-m", architecture.cbfstoolName());
            if (cbfstool.exitCode() != 0) {
                assertThatThrownBy(() -> Extraction.contents(file, Optional.of(architecture)))
                        .as("%s, which cbfstool refuses: %s", file.name(), cbfstool.stderr())
                        .isInstanceOf(ImageFormatException.class).message().doesNotContain("\n");
                return;
            }
            byte[] expected = Files.readAllBytes(contents);
            byte[] actual = Extraction.contents(file, Optional.of(architecture));
            if (file.type() == CbfsType.Known.SELF) {
                if (namesEnd(expected) != namesEnd(actual) && attempt < PAYLOAD_ATTEMPTS) {
                    continue;
                }
                expected = withUninitialisedPaddingCleared(expected, actual, file.name());
            }
            assertThat(actual).as("%s extracted for %s", file.name(), architecture).isEqualTo(expected);
            return;
        }
    }

    /**
     * cbfstool 4.15 allocates its ELF output with malloc() and never writes the padding between
     * the section names and the 4 KiB boundary. After a compressed payload segment that memory
     * can still hold the freed decompressor's state (seen with LZMA segments and with large LZ4
     * flat binaries), so those bytes are heap leftovers, not part of the format. Custody writes
     * zeros there; every other byte must be equal.
     */
    private static byte[] withUninitialisedPaddingCleared(byte[] expected, byte[] actual, String name) {
        int namesEnd = namesEnd(expected);
        int paddingEnd = (namesEnd + 4095) / 4096 * 4096;
        assertThat(Arrays.copyOfRange(actual, namesEnd, paddingEnd)).as("padding of %s", name).containsOnly((byte) 0);
        byte[] cleared = expected.clone();
        Arrays.fill(cleared, namesEnd, paddingEnd, (byte) 0);
        return cleared;
    }

    /** Where the section names table of a little-endian ELF file ends. */
    private static int namesEnd(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        boolean is64Bit = elf[4] == 2;
        long sectionHeaders = is64Bit ? b.getLong(40) : b.getInt(32);
        int namesHeader = (int) sectionHeaders + Short.toUnsignedInt(b.getShort(is64Bit ? 58 : 46))
                * Short.toUnsignedInt(b.getShort(is64Bit ? 62 : 50));
        return (int) (is64Bit ? b.getLong(namesHeader + 24) + b.getLong(namesHeader + 32)
                : b.getInt(namesHeader + 16) + b.getInt(namesHeader + 20));
    }
}
