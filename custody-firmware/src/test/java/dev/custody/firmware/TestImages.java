package dev.custody.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Firmware images built by the real coreboot tools, as the acceptance tests need them. */
public final class TestImages {
    public static final Path CORPUS = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("testdata/corpus/firmware").normalize();

    private TestImages() {}

    public static Path corpusCoreboot() {
        return CORPUS.resolve("fiano-coreboot.rom");
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public static byte[] text(int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            out.append("line ").append(i).append(" of compressible text\n");
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** An FMAP image from a layout description, with an empty CBFS in each of {@code cbfsRegions}. */
    public static Path fmapImage(Path dir, String name, String fmd, String cbfsRegions) throws IOException {
        Files.writeString(dir.resolve(name + ".fmd"), fmd);
        CorebootTools.run(dir, "fmaptool", name + ".fmd", name + ".fmap");
        CorebootTools.run(dir, "cbfstool", name, "create", "-M", name + ".fmap", "-r", cbfsRegions);
        return dir.resolve(name);
    }

    public static void add(Path image, String... arguments) {
        String[] command = new String[arguments.length + 3];
        command[0] = "cbfstool";
        command[1] = image.toString();
        command[2] = "add";
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        CorebootTools.run(image.getParent(), command);
    }

    /** 1 MiB, one CBFS: every file type cbfstool can add, lzma, lz4, hashes, alignment, a payload. */
    public static Path manyFiles(Path dir) throws IOException {
        Path image = fmapImage(dir, "many.rom", """
                FLASH 1M {
                  BIOS@0 1M {
                    FMAP@0 0x200
                    RW_MRC_CACHE 0x10000
                    COREBOOT(CBFS)
                  }
                }
                """, "COREBOOT");
        write(dir, "text.bin", text(800));
        write(dir, "random.bin", random(1, 5000));
        for (String type : new String[] {"bootblock", "cbfs header", "stage", "simple elf", "fit", "optionrom",
                "bootsplash", "raw", "vsa", "mbi", "microcode", "fsp", "mrc", "cmos_default", "cmos_layout", "spd",
                "mrc_cache", "mma", "efi", "struct"}) {
            add(image, "-f", "random.bin", "-n", "type/" + type, "-t", type);
        }
        add(image, "-f", "text.bin", "-n", "text.lzma", "-t", "raw", "-c", "lzma");
        add(image, "-f", "text.bin", "-n", "text.lz4", "-t", "raw", "-c", "lz4", "-A", "sha256");
        add(image, "-f", "random.bin", "-n", "hashed", "-t", "raw", "-A", "sha256");
        add(image, "-f", "text.bin", "-n", "aligned", "-t", "raw", "-a", "4096");
        add(image, "-f", "text.bin", "-n", "pci8086,0166.rom", "-t", "optionrom", "-c", "lzma");
        add(image, "-f", "random.bin", "-n", "cpu_microcode_blob.bin", "-t", "microcode");
        CorebootTools.run(dir, "cbfstool", image.toString(), "add-flat-binary", "-f", "text.bin", "-n",
                "fallback/payload", "-l", "0x100000", "-e", "0x100010", "-c", "lz4");
        CorebootTools.run(dir, "cbfstool", image.toString(), "add-int", "-i", "42", "-n", "option/int");
        return image;
    }

    /** 2 MiB with two CBFS regions (COREBOOT and FW_MAIN_A) and a gap between them. */
    public static Path twoRegions(Path dir) throws IOException {
        Path image = fmapImage(dir, "two.rom", """
                FLASH@0 2M {
                  SI_BIOS@0 2M {
                    RW_SECTION_A@0 0x80000 {
                      FW_MAIN_A(CBFS) 0x7f000
                      RW_FWID_A 0x1000
                    }
                    RW_VPD 0x2000
                    FMAP 0x800
                    COREBOOT(CBFS)
                  }
                }
                """, "COREBOOT,FW_MAIN_A");
        write(dir, "text2.bin", text(3000));
        add(image, "-f", "text2.bin", "-n", "fallback/ramstage-data", "-t", "raw", "-c", "lzma");
        add(image, "-f", "text2.bin", "-n", "heads/initrd/etc/config.user", "-t", "raw");
        add(image, "-r", "FW_MAIN_A", "-f", "text2.bin", "-n", "in-a", "-t", "raw", "-c", "lz4");
        add(image, "-r", "FW_MAIN_A", "-f", "text2.bin", "-n", "in-a-raw", "-t", "raw", "-A", "sha256");
        return image;
    }

    /** 256 KiB legacy image: a master header at the top, no FMAP, CBFS from 0x1000. */
    public static Path legacy(Path dir) throws IOException {
        Path image = dir.resolve("legacy.rom");
        CorebootTools.run(dir, "cbfstool", image.toString(), "create", "-m", "x86", "-s", "256K", "-o", "0x1000");
        write(dir, "legacy-text.bin", text(500));
        add(image, "-f", "legacy-text.bin", "-n", "a", "-t", "raw", "-c", "lzma");
        add(image, "-f", "legacy-text.bin", "-n", "b", "-t", "raw");
        return image;
    }
}
