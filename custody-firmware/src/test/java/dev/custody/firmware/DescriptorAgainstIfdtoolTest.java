package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.firmware.ifd.FlashDescriptor;
import dev.custody.firmware.ifd.FlashMaster;
import dev.custody.firmware.ifd.FlashRegion;
import dev.custody.firmware.ifd.IfdVersion;
import dev.custody.firmware.ifd.RegionKind;
import dev.custody.firmware.inventory.BlobInventory;
import dev.custody.firmware.inventory.BlobKind;
import dev.custody.firmware.inventory.Finding;
import dev.custody.firmware.inventory.Findings;
import dev.custody.firmware.me.GbeRegion;
import dev.custody.firmware.me.MeRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descriptor as Custody reads it equals what {@code ifdtool -d} prints. */
class DescriptorAgainstIfdtoolTest {
    private static final Pattern REGION = Pattern.compile(
            "Flash Region (\\d+) \\((.+)\\): ([0-9a-f]{8}) - ([0-9a-f]{8})\\s*(\\(unused\\))?");
    private static final Pattern MASTER = Pattern.compile("FLMSTR(\\d):\\s+0x([0-9a-f]{8})");
    private static final Pattern ACCESS = Pattern.compile("\\s+(.+?) (?:Region )?(Read|Write) Access:\\s+(enabled|disabled)");
    private static final Map<String, RegionKind> MASTER_REGION_NAMES = Map.of("Flash Descriptor", RegionKind.DESCRIPTOR,
            "Host CPU/BIOS", RegionKind.BIOS, "Intel ME", RegionKind.ME, "GbE", RegionKind.GBE,
            "Platform Data", RegionKind.PLATFORM_DATA, "EC", RegionKind.EC);

    @TempDir
    Path dir;

    @Test
    void x230LikeVersion1ImageWithActiveMe() throws IOException {
        Path image = IntelImages.x230(dir, "x230.rom", "FTPR", "MFS", "NFTP", "ROMB");
        FirmwareImage parsed = FirmwareImage.read(image);
        FlashDescriptor ifd = parsed.ifd().orElseThrow();
        assertThat(ifd.version()).isEqualTo(IfdVersion.V1);
        assertMatchesIfdtool(image, ifd);
        MeRegion me = MeRegion.of(parsed.bytes(), ifd, ifd.region(RegionKind.ME).orElseThrow());
        assertThat(me.table().orElseThrow().validEntries()).extracting(e -> e.name()).containsExactly("FTPR", "MFS", "NFTP", "ROMB");
        assertThat(me.fileSystemPresent()).isTrue();
        assertThat(me.neutralised()).isFalse();
        assertThat(me.generation()).contains("ME 8.1.65.1606");
        assertThat(GbeRegion.of(parsed.bytes(), ifd.region(RegionKind.GBE).orElseThrow()).checksumValid()).isTrue();
        assertThat(Findings.of(parsed)).extracting(Finding::id).contains("descriptor-writable", "me-region-writable", "me-active")
                .doesNotContain("gbe-checksum");
        assertThat(parsed.cbfs()).hasSize(1);
        TestImages.write(dir, "blob.bin", TestImages.random(8, 9000));
        TestImages.add(image, "-f", "blob.bin", "-n", "mrc.bin", "-t", "mrc", "-c", "lzma");
        CbfstoolAssertions.sameAsCbfstool(dir, image, FirmwareImage.read(image));
    }

    @Test
    void lockedDescriptorCleanedMeAndAltMeDisable() throws IOException {
        Path image = IntelImages.x230(dir, "clean.rom", "FTPR");
        IntelImages.ifdtool(dir, "clean.rom", "-l");
        IntelImages.ifdtool(dir, "clean.rom", "-M", "1");
        FirmwareImage parsed = FirmwareImage.read(image);
        FlashDescriptor ifd = parsed.ifd().orElseThrow();
        assertMatchesIfdtool(image, ifd);
        assertThat(ifd.meDisableStrapSet()).isTrue();
        MeRegion me = MeRegion.of(parsed.bytes(), ifd, ifd.region(RegionKind.ME).orElseThrow());
        assertThat(me.partitionsRemoved()).isTrue();
        assertThat(me.unlistedSpaceErased()).isTrue();
        assertThat(me.neutralised()).isTrue();
        assertThat(Findings.of(parsed)).extracting(Finding::id).contains("me-neutralised")
                .doesNotContain("descriptor-writable", "me-region-writable", "me-active");
    }

    @Test
    void version2DescriptorAndHapBit() throws IOException {
        byte[] bytes = new byte[16 << 20];
        java.util.Arrays.fill(bytes, (byte) 0xff);
        System.arraycopy(IntelImages.descriptor(IntelImages.X230_REGIONS, true), 0, bytes, 0, 0x1000);
        Path image = TestImages.write(dir, "v2.rom", bytes);
        IntelImages.ifdtool(dir, "v2.rom", "-p", "sklkbl", "-M", "1");
        FlashDescriptor ifd = FirmwareImage.read(image).ifd().orElseThrow();
        assertThat(ifd.version()).isEqualTo(IfdVersion.V2);
        assertThat(ifd.meDisableStrapName()).isEqualTo("HAP");
        assertMatchesIfdtool(image, ifd, "-p", "sklkbl");
    }

    @Test
    void blobInventoryFindsRegionsAndVendorCbfsFiles() throws IOException {
        Path image = IntelImages.x230(dir, "blobs.rom", "FTPR", "MFS");
        TestImages.write(dir, "blob.bin", TestImages.random(7, 3000));
        for (String name : new String[] {"mrc.bin", "cpu_microcode_blob.bin", "vbt.bin", "fspm.bin"}) {
            TestImages.add(image, "-f", "blob.bin", "-n", name, "-t", "raw");
        }
        TestImages.write(dir, "vga.rom", optionRom(0x8086, 0x0166, 0x03));
        TestImages.add(image, "-f", "vga.rom", "-n", "pci8086,0166.rom", "-t", "optionrom", "-c", "lzma");
        TestImages.write(dir, "nic.rom", optionRom(0x8086, 0x1502, 0x02));
        TestImages.add(image, "-f", "nic.rom", "-n", "pci8086,1502.rom", "-t", "optionrom");
        FirmwareImage parsed = FirmwareImage.read(image);
        var blobs = BlobInventory.of(parsed);
        assertThat(blobs).extracting(b -> b.kind()).containsExactlyInAnyOrder(BlobKind.INTEL_ME, BlobKind.GBE, BlobKind.MRC,
                BlobKind.VGA_OPTION_ROM, BlobKind.OPTION_ROM, BlobKind.MICROCODE, BlobKind.VBT, BlobKind.INTEL_FSP_M);
        var me = blobs.stream().filter(b -> b.kind() == BlobKind.INTEL_ME).findFirst().orElseThrow();
        assertThat(me.offset()).isEqualTo(IntelImages.ME_BASE);
        assertThat(me.sha256()).isEqualTo(Sha256.hex(Sha256.of(Files.readAllBytes(dir.resolve("blobs.rom.me")))));
        assertThat(me.runsOnMainCpu()).isFalse();
        var mrc = blobs.stream().filter(b -> b.kind() == BlobKind.MRC).findFirst().orElseThrow();
        assertThat(mrc.runsOnMainCpu()).isTrue();
        assertThat(mrc.sha256()).isEqualTo(Sha256.hex(Sha256.of(TestImages.random(7, 3000))));
    }

    /** A PCI expansion ROM header with a PCIR structure of the given base class. */
    private static byte[] optionRom(int vendor, int device, int baseClass) {
        java.nio.ByteBuffer rom = java.nio.ByteBuffer.allocate(0x800).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        rom.put(0, (byte) 0x55).put(1, (byte) 0xaa).put(2, (byte) 4);
        rom.putShort(0x18, (short) 0x40);
        rom.put(0x40, "PCIR".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        rom.putShort(0x44, (short) vendor).putShort(0x46, (short) device).put(0x4f, (byte) baseClass);
        return rom.array();
    }

    private void assertMatchesIfdtool(Path image, FlashDescriptor ifd, String... options) {
        List<String> command = new ArrayList<>(List.of("ifdtool"));
        command.addAll(List.of(options));
        command.addAll(List.of("-d", image.toString()));
        String dump = CorebootTools.run(dir, command.toArray(String[]::new));
        List<String> expectedRegions = new ArrayList<>();
        Matcher region = REGION.matcher(dump);
        while (region.find()) {
            expectedRegions.add(region.group(1) + " " + region.group(2) + " " + region.group(3) + "-" + region.group(4)
                    + (region.group(5) == null ? "" : " unused"));
        }
        // ifdtool leaves out unused reserved registers.
        assertThat(ifd.regions().stream().filter(r -> r.used() || !r.kind().ifdtoolName().equals("Reserved"))
                .map(this::describe).toList()).isEqualTo(expectedRegions);
        assertMastersMatch(dump, ifd);
        String strap = ifd.meDisableStrapName() + " bit is " + (ifd.meDisableStrapSet() ? "set" : "not set");
        assertThat(dump).contains(strap);
    }

    private void assertMastersMatch(String dump, FlashDescriptor ifd) {
        Matcher master = MASTER.matcher(dump);
        int checked = 0;
        while (master.find()) {
            FlashMaster mine = ifd.master(Integer.parseInt(master.group(1))).orElseThrow();
            assertThat(Integer.toUnsignedLong(mine.register())).isEqualTo(Long.parseLong(master.group(2), 16));
            String section = dump.substring(master.end(), sectionEnd(dump, master.end()));
            Matcher access = ACCESS.matcher(section);
            while (access.find()) {
                RegionKind kind = MASTER_REGION_NAMES.get(access.group(1));
                boolean granted = access.group(3).equals("enabled");
                boolean mineGranted = access.group(2).equals("Read") ? mine.canRead(kind) : mine.canWrite(kind);
                assertThat(mineGranted).as("FLMSTR%s %s %s", master.group(1), access.group(1), access.group(2)).isEqualTo(granted);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(0);
    }

    /** A master's access lines end where the next master or section starts. */
    private static int sectionEnd(String dump, int from) {
        return java.util.stream.IntStream.of(dump.indexOf("FLMSTR", from), dump.indexOf("Found", from), dump.length())
                .filter(i -> i >= 0).min().orElseThrow();
    }

    private String describe(FlashRegion region) {
        return String.format("%d %s %08x-%08x%s", region.index(), region.kind().ifdtoolName(), region.base(), region.limit(),
                region.used() ? "" : " unused");
    }
}
