package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.firmware.flash.FlashException;
import dev.custody.firmware.flash.FlashOptions;
import dev.custody.firmware.flash.FlashReport;
import dev.custody.firmware.flash.Flashrom;
import dev.custody.firmware.flash.SafeFlasher;
import dev.custody.firmware.heads.HeadsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flashing through flashrom's dummy programmer emulating an 8 MiB MX25L6436 whose contents live in a file. */
class SafeFlasherTest {
    static final String CHIP = "MX25L6436E/MX25L6445E/MX25L6465E/MX25L6473E/MX25L6473F";
    static final String LAYOUT = """
            FLASH 8M {
              BIOS@0 8M {
                FMAP@0 0x200
                COREBOOT(CBFS)
              }
            }
            """;

    @TempDir
    Path dir;
    Path chip;
    byte[] before;
    Path backup;

    @BeforeEach
    void chipWithOwnerFiles() throws IOException {
        Path current = TestImages.fmapImage(dir, "current.rom", LAYOUT, "COREBOOT");
        TestImages.write(dir, "key.bin", TestImages.random(31, 2000));
        TestImages.write(dir, "config.bin", "export CONFIG_BOOT_DEV=\"/dev/nvme0n1p1\"\n".getBytes());
        TestImages.add(current, "-f", "key.bin", "-n", HeadsFiles.PUBRING, "-t", "raw");
        TestImages.add(current, "-f", "config.bin", "-n", HeadsFiles.CONFIG_USER, "-t", "raw");
        chip = Files.copy(current, dir.resolve("chip.bin"));
        before = Files.readAllBytes(chip);
        backup = dir.resolve("backup.rom");
    }

    private Path newImage() throws IOException {
        Path next = TestImages.fmapImage(dir, "next.rom", LAYOUT, "COREBOOT");
        TestImages.write(dir, "fw.bin", TestImages.text(5000));
        TestImages.add(next, "-f", "fw.bin", "-n", "fallback/ramstage", "-t", "stage", "-c", "lzma");
        return next;
    }

    private SafeFlasher flasher(String extra) {
        return new SafeFlasher(Flashrom.of("dummy:emulate=MX25L6436,image=" + chip + extra, Optional.of(CHIP)),
                (step, total, description) -> { });
    }

    @Test
    void backsUpWritesVerifiesAndKeepsSettings() throws IOException {
        FirmwareImage next = FirmwareImage.read(newImage());
        FlashReport report = flasher("").flash(next, new FlashOptions(backup, true, false, false));
        assertThat(Files.readAllBytes(backup)).isEqualTo(before);
        assertThat(report.carriedOver()).containsExactly(HeadsFiles.PUBRING, HeadsFiles.CONFIG_USER);
        FirmwareImage flashed = FirmwareImage.read(chip);
        var cbfs = flashed.cbfs(Optional.empty());
        assertThat(cbfs.require(HeadsFiles.PUBRING).contents()).isEqualTo(TestImages.random(31, 2000));
        assertThat(HeadsFiles.configUser(flashed).get("CONFIG_BOOT_DEV")).contains("/dev/nvme0n1p1");
        assertThat(cbfs.require("fallback/ramstage").data()).isEqualTo(next.cbfs(Optional.empty()).require("fallback/ramstage").data());
        assertThat(CorebootTools.run(dir, "cbfstool", chip.toString(), "print")).contains(HeadsFiles.CONFIG_USER);
    }

    @Test
    void eraseSettingsWritesTheImageAsItIs() throws IOException {
        Path next = newImage();
        flasher("").flash(FirmwareImage.read(next), new FlashOptions(backup, false, false, false));
        assertThat(Files.readAllBytes(chip)).isEqualTo(Files.readAllBytes(next));
    }

    @Test
    void wrongSizeIsRefusedAndTheChipIsUntouched() throws IOException {
        Path small = TestImages.fmapImage(dir, "small.rom", LAYOUT.replace("8M", "4M"), "COREBOOT");
        assertThatThrownBy(() -> flasher("").flash(FirmwareImage.read(small), new FlashOptions(backup, true, false, false)))
                .isInstanceOf(FlashException.class).hasMessageContaining("refusing to flash: the image is 4194304 bytes but the chip holds 8388608");
        assertThat(Files.readAllBytes(chip)).isEqualTo(before);
        assertThat(Files.readAllBytes(backup)).isEqualTo(before);
    }

    private static byte[] withDescriptor(int[][] layout) {
        byte[] image = new byte[8 << 20];
        java.util.Arrays.fill(image, (byte) 0xff);
        System.arraycopy(IntelImages.descriptor(layout, false), 0, image, 0, 0x1000);
        return image;
    }

    @Test
    void biosOnlyLeavesTheOtherRegionsAsTheyWere() throws IOException {
        byte[] current = withDescriptor(new int[][] {{0, 0xfff}, {0x200000, 0x7fffff}, {0x3000, 0x1fffff}, {0x1000, 0x2fff}});
        java.util.Arrays.fill(current, 0x3000, 0x4000, (byte) 0x11);
        Files.write(chip, current);
        byte[] next = current.clone();
        java.util.Arrays.fill(next, 0x3000, 0x4000, (byte) 0x22);
        java.util.Arrays.fill(next, 0x200000, 0x201000, (byte) 0x33);
        FlashReport report = flasher("").flash(FirmwareImage.parse(next), new FlashOptions(backup, true, false, true));
        byte[] flashed = Files.readAllBytes(chip);
        assertThat(flashed[0x3000]).isEqualTo((byte) 0x11);
        assertThat(flashed[0x200000]).isEqualTo((byte) 0x33);
        assertThat(report.bytesWritten()).isEqualTo(0x600000);
        assertThatThrownBy(() -> new FlashOptions(backup, true, true, true)).isInstanceOf(FlashException.class)
                .hasMessageContaining("cannot be combined with --allow-layout-change");
        assertThatThrownBy(() -> flasher("").flash(FirmwareImage.read(newImage()), new FlashOptions(backup, false, false, true)))
                .isInstanceOf(FlashException.class).hasMessageContaining("descriptor layout");
    }

    @Test
    void differentDescriptorLayoutIsRefusedUnlessOverridden() throws IOException {
        int[][] layout = {{0, 0xfff}, {0x200000, 0x7fffff}, {0x3000, 0x1fffff}, {0x1000, 0x2fff}};
        byte[] withIfd = withDescriptor(layout);
        Files.write(chip, withIfd);
        layout[1][0] = 0x300000;
        layout[2][1] = 0x2fffff;
        byte[] moved = withIfd.clone();
        System.arraycopy(IntelImages.descriptor(layout, false), 0, moved, 0, 0x1000);
        FirmwareImage next = FirmwareImage.parse(moved);
        assertThatThrownBy(() -> flasher("").flash(next, new FlashOptions(backup, true, false, false)))
                .isInstanceOf(FlashException.class).hasMessageContaining("descriptor layout");
        assertThat(Files.readAllBytes(chip)).isEqualTo(withIfd);
        flasher("").flash(next, new FlashOptions(backup, true, true, false));
        assertThat(Files.readAllBytes(chip)).isEqualTo(moved);
    }

    @Test
    void simulatedVerifyFailureKeepsTheBackupAndSaysSo() throws IOException {
        FirmwareImage next = FirmwareImage.read(newImage());
        // The emulated chip ignores PAGE PROGRAM (0x02): erase works, writes silently do not.
        assertThatThrownBy(() -> flasher(",spi_ignorelist=02").flash(next, new FlashOptions(backup, false, false, false)))
                .isInstanceOf(FlashException.class)
                .hasMessageContaining("verification failed: the chip differs from the image at offset 0x")
                .hasMessageContaining(backup.toString());
        assertThat(Files.readAllBytes(backup)).isEqualTo(before);
        List<String> leftovers = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).forEach(leftovers::add);
        }
        assertThat(leftovers).isEmpty();
    }

    @Test
    void flashromErrorsAreReportedInOneLine() {
        SafeFlasher noChip = new SafeFlasher(Flashrom.of("dummy:emulate=MX25L6436,image=" + chip, Optional.of("NO_SUCH_CHIP")),
                (step, total, description) -> { });
        assertThatThrownBy(() -> noChip.readChip(backup)).isInstanceOf(FlashException.class)
                .hasMessageStartingWith("flashrom could not read the flash chip (exit 1): ");
        assertThat(backup).doesNotExist();
    }
}
