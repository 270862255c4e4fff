package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.firmware.CorebootTools.Listed;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsLayout;
import dev.custody.firmware.cbfs.CbfsType;
import dev.custody.firmware.cbfs.Compression;
import dev.custody.firmware.cbfs.MetadataHashAnchor;
import dev.custody.firmware.cbfs.NewCbfsFile;
import dev.custody.firmware.heads.ConfigUser;
import dev.custody.firmware.heads.HeadsFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits by Custody read back by cbfstool, and edits by cbfstool read back by Custody. */
class CbfsEditingTest {
    @TempDir
    Path dir;

    @Test
    void filesCustodyAddsAreListedAndExtractedIdenticallyByCbfstool() throws IOException {
        FirmwareImage image = FirmwareImage.read(TestImages.manyFiles(dir));
        byte[] text = TestImages.text(2000);
        byte[] random = TestImages.random(11, 7000);
        CbfsEditor editor = CbfsEditor.of(image, Optional.empty())
                .add(new NewCbfsFile("new/lzma", CbfsType.Known.RAW, text, Compression.LZMA, 0, false))
                .add(new NewCbfsFile("new/lz4", CbfsType.Known.RAW, text, Compression.LZ4, 0, true))
                .add(new NewCbfsFile("new/aligned", CbfsType.Known.MICROCODE, random, Compression.NONE, 4096, false))
                .add(new NewCbfsFile("new/incompressible", CbfsType.Known.RAW, random, Compression.LZMA, 0, false))
                .replace(NewCbfsFile.raw("type/raw", "replaced".getBytes(StandardCharsets.US_ASCII)));
        Path edited = TestImages.write(dir, "edited.rom", editor.bytes());
        assertThat(listing(editor.image())).isEqualTo(CorebootTools.cbfsListing(dir, edited, "COREBOOT"));
        assertThat(extract(edited, "new/lzma", false)).isEqualTo(text);
        assertThat(extract(edited, "new/lz4", false)).isEqualTo(text);
        assertThat(extract(edited, "new/aligned", false)).isEqualTo(random);
        assertThat(extract(edited, "type/raw", false)).isEqualTo("replaced".getBytes(StandardCharsets.US_ASCII));
        Cbfs cbfs = editor.image().cbfs(Optional.empty());
        assertThat(extract(edited, "new/lz4", true)).isEqualTo(cbfs.require("new/lz4").data());
        assertThat(cbfs.require("new/incompressible").compression()).isEqualTo(Compression.NONE);
        CbfsFile aligned = cbfs.require("new/aligned");
        assertThat(cbfs.absolute(aligned.offset() + aligned.dataOffset()) % 4096).isZero();
        assertThat(CorebootTools.run(dir, "cbfstool", edited.toString(), "print", "-k", "-v"))
                .contains("new/lz4").contains(":valid").doesNotContain("invalid");
    }

    @Test
    void filesCbfstoolAddsToACustodyImageAreRead() throws IOException {
        FirmwareImage image = FirmwareImage.read(TestImages.manyFiles(dir));
        Path edited = TestImages.write(dir, "edited.rom",
                CbfsEditor.of(image, Optional.empty()).remove("type/raw").remove("hashed").bytes());
        TestImages.write(dir, "more.bin", TestImages.text(300));
        TestImages.add(edited, "-f", "more.bin", "-n", "by-cbfstool", "-t", "raw", "-c", "lz4");
        TestImages.add(edited, "-f", "more.bin", "-n", "by-cbfstool-aligned", "-t", "raw", "-a", "512");
        FirmwareImage reread = FirmwareImage.read(edited);
        assertThat(listing(reread)).isEqualTo(CorebootTools.cbfsListing(dir, edited, "COREBOOT"));
        assertThat(reread.cbfs(Optional.empty()).require("by-cbfstool").contents()).isEqualTo(TestImages.text(300));
    }

    @Test
    void removeEqualsCbfstoolRemoveByteForByte() throws IOException {
        Path original = TestImages.manyFiles(dir);
        FirmwareImage image = FirmwareImage.read(original);
        Path theirs = Files.copy(original, dir.resolve("theirs.rom"));
        for (String name : List.of("type/raw", "type/vsa", "aligned")) {
            CorebootTools.run(dir, "cbfstool", theirs.toString(), "remove", "-n", name);
        }
        byte[] mine = CbfsEditor.of(image, Optional.empty()).remove("type/raw").remove("type/vsa").remove("aligned").bytes();
        assertThat(mine).isEqualTo(Files.readAllBytes(theirs));
    }

    @Test
    void removingAndReAddingKeepsFreeSpaceConsistent() throws IOException {
        FirmwareImage image = FirmwareImage.read(TestImages.manyFiles(dir));
        long free = CbfsLayout.of(image.cbfs(Optional.empty())).freeSpace();
        byte[] blob = TestImages.random(5, 20000);
        CbfsEditor added = CbfsEditor.of(image, Optional.empty()).add(NewCbfsFile.raw("big", blob));
        long freeAfterAdd = CbfsLayout.of(added.image().cbfs(Optional.empty())).freeSpace();
        assertThat(freeAfterAdd).isLessThanOrEqualTo(free - blob.length);
        FirmwareImage removed = added.remove("big").image();
        assertThat(CbfsLayout.of(removed.cbfs(Optional.empty())).freeSpace()).isEqualTo(free);
        assertThat(listing(removed)).isEqualTo(listing(image));
        assertThatThrownBy(() -> CbfsEditor.of(image, Optional.empty()).add(NewCbfsFile.raw("huge", new byte[2 << 20])))
                .hasMessageContaining("no room for 'huge'");
        assertThatThrownBy(() -> CbfsEditor.of(image, Optional.empty()).add(NewCbfsFile.raw("hashed", new byte[1])))
                .hasMessageContaining("already has a file named 'hashed'");
    }

    @Test
    void metadataHashAnchorIsUpdatedAndCbfstoolAgrees() throws IOException {
        Path image = TestImages.manyFiles(dir);
        byte[] bootblock = new byte[256];
        byte[] magic = {(byte) 0xad, 'M', 'd', 't', 'H', 's', 'h', 0x15};
        System.arraycopy(magic, 0, bootblock, 16, magic.length);
        bootblock[16 + 11] = 2;
        TestImages.write(dir, "anchor.bin", bootblock);
        TestImages.add(image, "-f", "anchor.bin", "-n", "bootblock", "-t", "bootblock");
        FirmwareImage withAnchor = FirmwareImage.read(image);
        assertThat(MetadataHashAnchor.find(withAnchor).orElseThrow().matches(withAnchor.bytes(), withAnchor.cbfs(Optional.empty()))).isTrue();
        CbfsEditor edited = CbfsEditor.of(withAnchor, Optional.empty()).add(NewCbfsFile.raw("after-anchor", TestImages.text(50)))
                .remove("type/raw");
        Path out = TestImages.write(dir, "anchored.rom", edited.bytes());
        FirmwareImage reread = edited.image();
        MetadataHashAnchor anchor = MetadataHashAnchor.find(reread).orElseThrow();
        assertThat(anchor.matches(reread.bytes(), reread.cbfs(Optional.empty()))).isTrue();
        assertThat(reread.cbfs(Optional.empty()).require("after-anchor").hash()).isPresent();
        assertThat(CorebootTools.run(dir, "cbfstool", out.toString(), "print", "-k", "-v"))
                .contains("[METADATA HASH]\tSHA256:" + Sha256.hex(anchor.digest()) + ":valid");
    }

    @Test
    void headsConfigUserAndKeyring() throws IOException {
        FirmwareImage image = FirmwareImage.read(TestImages.twoRegions(dir));
        ConfigUser config = ConfigUser.parse("export CONFIG_BOOT_DEV=\"/dev/sda1\"\nCONFIG_AUTO_BOOT_TIMEOUT=5\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(config.settings()).containsEntry("CONFIG_BOOT_DEV", "/dev/sda1").containsEntry("CONFIG_AUTO_BOOT_TIMEOUT", "5");
        ConfigUser changed = config.with("CONFIG_AUTO_BOOT_TIMEOUT", "10").with("CONFIG_RESTRICTED_BOOT", "y");
        assertThat(new String(changed.toBytes(), StandardCharsets.UTF_8)).isEqualTo("""
                export CONFIG_AUTO_BOOT_TIMEOUT="10"
                export CONFIG_BOOT_DEV="/dev/sda1"
                export CONFIG_RESTRICTED_BOOT="y"
                """);
        CbfsEditor editor = HeadsFiles.withKeyring(HeadsFiles.withConfigUser(CbfsEditor.of(image, Optional.empty()), changed),
                "keyring".getBytes(StandardCharsets.US_ASCII), Optional.of("trust".getBytes(StandardCharsets.US_ASCII)));
        Path edited = TestImages.write(dir, "heads.rom", editor.bytes());
        assertThat(HeadsFiles.configUser(editor.image()).get("CONFIG_RESTRICTED_BOOT")).contains("y");
        assertThat(extract(edited, HeadsFiles.PUBRING, false)).isEqualTo("keyring".getBytes(StandardCharsets.US_ASCII));
        assertThat(extract(edited, HeadsFiles.CONFIG_USER, false)).isEqualTo(changed.toBytes());
        assertThatThrownBy(() -> config.with("CONFIG_X", "a\"b")).hasMessageContaining("may not contain quotes");
    }

    @Test
    void legacyImagesAreEditedInsideTheirCbfsOnly() throws IOException {
        Path legacy = TestImages.legacy(dir);
        FirmwareImage image = FirmwareImage.read(legacy);
        byte[] tail = java.util.Arrays.copyOfRange(image.bytes(), image.size() - 64, image.size());
        Path edited = TestImages.write(dir, "legacy-edited.rom", CbfsEditor.of(image, Optional.empty())
                .add(new NewCbfsFile("c", CbfsType.Known.RAW, TestImages.text(400), Compression.LZ4, 0, false)).remove("a").bytes());
        CbfstoolAssertions.sameAsCbfstool(dir, edited, FirmwareImage.read(edited));
        assertThat(extract(edited, "c", false)).isEqualTo(TestImages.text(400));
        byte[] editedBytes = Files.readAllBytes(edited);
        assertThat(java.util.Arrays.copyOfRange(editedBytes, editedBytes.length - 64, editedBytes.length)).isEqualTo(tail);
    }

    private byte[] extract(Path image, String name, boolean stored) throws IOException {
        Path out = dir.resolve("extracted.bin");
        CorebootTools.run(dir, "cbfstool", image.toString(), "extract", "-n", name, "-f", out.toString(), stored ? "-U" : "-v");
        return Files.readAllBytes(out);
    }

    static List<Listed> listing(FirmwareImage image) {
        return image.cbfs(Optional.empty()).files().stream().map(f -> new Listed(f.displayName(), f.offset(),
                f.type().cbfstoolName(), f.data().length, f.compression().label(), f.decompressedSize())).toList();
    }
}
