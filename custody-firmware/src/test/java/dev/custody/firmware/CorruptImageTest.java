package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.inventory.BlobInventory;
import dev.custody.firmware.inventory.Findings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken images give an {@link ImageFormatException} that names the structure, never anything else. */
class CorruptImageTest {
    @TempDir
    static Path dir;
    static byte[] many;

    @BeforeAll
    static void buildImage() throws IOException {
        many = Files.readAllBytes(TestImages.manyFiles(dir));
    }

    @Test
    void truncatedImage() {
        byte[] truncated = Arrays.copyOf(many, many.length / 2);
        assertThatThrownBy(() -> FirmwareImage.parse(truncated)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("FMAP area 'BIOS'").hasMessageContaining("runs past the end of the image");
    }

    @Test
    void randomBytes() {
        assertThatThrownBy(() -> FirmwareImage.parse(TestImages.random(3, 1 << 20)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("not a coreboot or Intel firmware image");
        assertThatThrownBy(() -> FirmwareImage.parse(new byte[0])).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void overlappingDescriptorRegions() {
        byte[] image = new byte[12 << 20];
        int[][] overlapping = {{0, 0xfff}, {0x400000, 0xbfffff}, {0x3000, 0x4fffff}, {0x1000, 0x2fff}};
        System.arraycopy(IntelImages.descriptor(overlapping, false), 0, image, 0, 0x1000);
        assertThatThrownBy(() -> FirmwareImage.parse(image)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("regions BIOS and Intel ME overlap");
    }

    @Test
    void cbfsLengthPastTheEnd() {
        byte[] image = many.clone();
        Cbfs cbfs = FirmwareImage.parse(image).cbfs(Optional.empty());
        int header = cbfs.absolute(cbfs.require("type/raw").offset());
        Bytes.putU32be(image, header + 8, 0x7fffff00);
        assertThatThrownBy(() -> FirmwareImage.parse(image)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("CBFS file header in region 'COREBOOT'").hasMessageContaining("len 0x7fffff00 runs past");
    }

    @Test
    void badCompressionStreams() {
        for (String name : new String[] {"text.lzma", "text.lz4"}) {
            byte[] image = many.clone();
            Cbfs cbfs = FirmwareImage.parse(image).cbfs(Optional.empty());
            CbfsFile file = cbfs.require(name);
            int data = cbfs.absolute(file.offset() + file.dataOffset());
            for (int i = 20; i < file.data().length; i += 7) {
                image[data + i] ^= 0x5a;
            }
            CbfsFile corrupt = FirmwareImage.parse(image).cbfs(Optional.empty()).require(name);
            assertThatThrownBy(corrupt::contents).as(name).isInstanceOf(ImageFormatException.class)
                    .hasMessageContaining("CBFS file '" + name + "' data");
        }
    }

    @Test
    void changedDataBehindAHashAttributeIsACriticalFinding() throws IOException {
        Path image = dir.resolve("hashes.rom");
        Files.write(image, many);
        TestImages.add(image, "-f", "random.bin", "-n", "sha1", "-t", "raw", "-A", "sha1");
        TestImages.add(image, "-f", "random.bin", "-n", "sha512", "-t", "raw", "-A", "sha512");
        byte[] bytes = Files.readAllBytes(image);
        assertThat(Findings.of(FirmwareImage.parse(bytes))).extracting(f -> f.id()).doesNotContain("cbfs-hash-mismatch");
        for (String name : new String[] {"hashed", "sha1", "sha512"}) {
            byte[] tampered = bytes.clone();
            Cbfs cbfs = FirmwareImage.parse(tampered).cbfs(Optional.empty());
            CbfsFile file = cbfs.require(name);
            tampered[cbfs.absolute(file.offset() + file.dataOffset()) + 100] ^= 1;
            assertThat(Findings.of(FirmwareImage.parse(tampered))).as(name)
                    .anyMatch(f -> f.id().equals("cbfs-hash-mismatch") && f.message().contains("'" + name + "'"));
        }
    }

    @Test
    void corpusFlashWithAreasPastTheEnd() {
        assertThatThrownBy(() -> FirmwareImage.read(TestImages.CORPUS.resolve("fiano-fake_test.flash")))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("FMAP area 'Area Number 1'");
    }

    /** Descriptor, $FPT, GbE and FMAP bytes flipped at random: a parse or a clear error, nothing else. */
    @Test
    void mutatedDescriptorsAndFlashMapsNeverEscapeWithAnotherException() throws IOException {
        byte[] x230 = Files.readAllBytes(IntelImages.x230(dir, "fuzz.rom", "FTPR", "MFS"));
        FirmwareImage parsed = FirmwareImage.parse(x230);
        int fmap = parsed.fmap().orElseThrow().location();
        int[][] targets = {{0x10, 0x300}, {IntelImages.ME_BASE, 0x100}, {0x1000, 0x80}, {fmap, 0x200}};
        Random random = new Random(7);
        int failures = 0;
        for (int round = 0; round < 400; round++) {
            byte[] image = x230.clone();
            int[] target = targets[round % targets.length];
            for (int flips = 0; flips < 3; flips++) {
                image[target[0] + random.nextInt(target[1])] = (byte) random.nextInt(256);
            }
            try {
                FirmwareImage mutated = FirmwareImage.parse(image);
                BlobInventory.of(mutated);
                Findings.of(mutated);
            } catch (ImageFormatException expected) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(0);
    }

    /** Random byte flips in headers and data: every outcome is a parse or a clear error, in bounded time. */
    @Test
    void mutatedImagesNeverEscapeWithAnotherException() {
        Random random = new Random(42);
        Cbfs cbfs = FirmwareImage.parse(many).cbfs(Optional.empty());
        int[] headers = cbfs.files().stream().mapToInt(f -> cbfs.absolute(f.offset())).toArray();
        int failures = 0;
        for (int round = 0; round < 300; round++) {
            byte[] image = many.clone();
            for (int flips = 0; flips < 4; flips++) {
                int base = headers[random.nextInt(headers.length)];
                image[base + random.nextInt(64)] = (byte) random.nextInt(256);
            }
            try {
                FirmwareImage parsed = FirmwareImage.parse(image);
                BlobInventory.of(parsed);
                Findings.of(parsed);
                parsed.cbfs().forEach(c -> c.files().forEach(CbfsFile::contents));
            } catch (ImageFormatException expected) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(0);
    }
}
