package dev.custody.cli.rom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlashCliTest {
    static final String CHIP = "MX25L6436E/MX25L6445E/MX25L6465E/MX25L6473E/MX25L6473F";

    @TempDir
    Path dir;

    @Test
    void readThenFlashThroughTheDummyProgrammer() throws Exception {
        byte[] erased = new byte[8 << 20];
        Arrays.fill(erased, (byte) 0xff);
        Path chip = Files.write(dir.resolve("chip.bin"), erased);
        String programmer = "dummy:emulate=MX25L6436,image=" + chip;
        Path image = dir.resolve("image.rom");
        byte[] eightMiB = Arrays.copyOf(Files.readAllBytes(InspectExtractCliTest.CORPUS_ROM), 8 << 20);
        Arrays.fill(eightMiB, 256 << 10, eightMiB.length, (byte) 0xff);
        Files.write(image, eightMiB);

        CliRun read = CliRun.of("rom", "read", "--output", dir.resolve("read.rom").toString(), "--programmer", programmer, "--chip", CHIP);
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("read.rom"))).isEqualTo(erased);

        CliRun wrongSize = CliRun.of("rom", "flash", InspectExtractCliTest.CORPUS_ROM.toString(), "--programmer", programmer,
                "--chip", CHIP, "--backup", dir.resolve("b1.rom").toString());
        assertThat(wrongSize.exitCode()).isEqualTo(1);
        assertThat(wrongSize.stderr()).startsWith("custody: refusing to flash: the image is 262144 bytes");

        CliRun flash = CliRun.of("rom", "flash", image.toString(), "--programmer", programmer, "--chip", CHIP,
                "--erase-settings", "--backup", dir.resolve("b2.rom").toString());
        assertThat(flash.exitCode()).as(flash.stderr()).isZero();
        assertThat(flash.stdout()).startsWith("Flashed and verified 8388608 bytes.");
        assertThat(Files.readAllBytes(chip)).isEqualTo(eightMiB);
        assertThat(Files.readAllBytes(dir.resolve("b2.rom"))).isEqualTo(erased);
    }
}
