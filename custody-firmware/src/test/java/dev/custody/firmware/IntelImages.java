package dev.custody.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A 12 MiB x230-like image (descriptor 0-0xfff, GbE 0x1000-0x2fff, ME 0x3000-0x4fffff, BIOS
 * 0x500000-0xbfffff) built with fmaptool, cbfstool and ifdtool. ifdtool cannot create a
 * descriptor, so the test writes a minimal one (signature, FLMAPs, regions, masters, straps)
 * and lets ifdtool inject the regions, lock the masters and set AltMeDisable.
 */
public final class IntelImages {
    public static final int ME_BASE = 0x3000;
    public static final int ME_SIZE = 0x4fd000;

    private IntelImages() {}

    /** Region registers as {base, limit} pairs for descriptor, BIOS, ME, GbE. */
    static final int[][] X230_REGIONS = {{0, 0xfff}, {0x500000, 0xbfffff}, {ME_BASE, 0x4fffff}, {0x1000, 0x2fff}};

    public static byte[] descriptor(int[][] regions, boolean version2) {
        ByteBuffer d = ByteBuffer.allocate(0x1000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 0x1000; i++) {
            d.put(i, (byte) 0xff);
        }
        d.putInt(0x10, 0x0ff0a55a);
        d.putInt(0x14, 0x03 | 1 << 8 | 0x04 << 16 | 4 << 24);
        int fmba = version2 ? 0x80 : 0x60;
        d.putInt(0x18, fmba >> 4 | 3 << 8 | 0x10 << 16 | 18 << 24);
        d.putInt(0x1c, 0x20 | 1 << 8);
        int readFrequency = version2 ? 6 : 0;
        d.putInt(0x30, 4 | 3 << 3 | readFrequency << 17);
        d.putInt(0x34, 0);
        d.putInt(0x38, 0);
        int mask = version2 ? 0x7fff : 0xfff;
        for (int i = 0; i < (version2 ? 9 : 5); i++) {
            boolean listed = i < regions.length;
            int base = listed ? regions[i][0] >> 12 & mask : mask;
            int limit = listed ? regions[i][1] >> 12 & mask : 0;
            d.putInt(0x40 + 4 * i, base | limit << 16);
        }
        d.putInt(fmba, version2 ? 0xffffff00 : 0xffff0000);
        d.putInt(fmba + 4, version2 ? 0x00c00d00 : 0x0c0d0000);
        d.putInt(fmba + 8, version2 ? 0x00808118 : 0x08080118);
        for (int i = 0; i < 18; i++) {
            d.putInt(0x100 + 4 * i, 0);
        }
        d.putInt(0x200, 0);
        return d.array();
    }

    /** An ME region holding a $FPT with the given partitions, each filled with non-0xFF data. */
    public static byte[] meRegion(String... partitions) {
        byte[] me = new byte[ME_SIZE];
        java.util.Arrays.fill(me, (byte) 0xff);
        ByteBuffer b = ByteBuffer.wrap(me).order(ByteOrder.LITTLE_ENDIAN);
        int fpt = 0x10;
        b.put(fpt, "$FPT".getBytes(StandardCharsets.US_ASCII));
        b.putInt(fpt + 4, partitions.length);
        b.put(fpt + 8, (byte) 0x10);
        b.put(fpt + 9, (byte) 0x10);
        b.put(fpt + 10, (byte) 0x20);
        b.putShort(fpt + 0x18, (short) 8);
        b.putShort(fpt + 0x1a, (short) 1);
        b.putInt(fpt + 0x1c, 0);
        int offset = 0x1000;
        for (int i = 0; i < partitions.length; i++) {
            int entry = fpt + 32 + 32 * i;
            b.put(entry, java.util.Arrays.copyOf(partitions[i].getBytes(StandardCharsets.US_ASCII), 8));
            b.putInt(entry + 8, offset);
            b.putInt(entry + 12, 0x10000);
            b.putInt(entry + 28, partitions[i].equals("MFS") ? 4 : 0);
            java.util.Arrays.fill(me, offset, offset + 0x10000, (byte) (0x40 + i));
            if (partitions[i].equals("FTPR")) {
                b.put(offset + 0x1c, "$MN2".getBytes(StandardCharsets.US_ASCII));
                b.putShort(offset + 0x24, (short) 8).putShort(offset + 0x26, (short) 1)
                        .putShort(offset + 0x28, (short) 65).putShort(offset + 0x2a, (short) 1606);
            }
            offset += 0x10000;
        }
        return me;
    }

    /** A GbE region whose first NVM words sum to 0xBABA when {@code validChecksum}. */
    public static byte[] gbeRegion(boolean validChecksum) {
        byte[] gbe = new byte[0x2000];
        java.util.Arrays.fill(gbe, (byte) 0xff);
        ByteBuffer b = ByteBuffer.wrap(gbe).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, new byte[] {0x00, 0x21, (byte) 0xcc, 0x12, 0x34, 0x56});
        int sum = 0;
        for (int i = 0; i < 0x3f; i++) {
            sum += Short.toUnsignedInt(b.getShort(2 * i));
        }
        b.putShort(0x7e, (short) (0xbaba - sum + (validChecksum ? 0 : 1)));
        return gbe;
    }

    /** The x230-like image: descriptor, GbE, ME (with these partitions) and a CBFS in the BIOS region. */
    public static Path x230(Path dir, String name, String... mePartitions) throws IOException {
        Path image = TestImages.fmapImage(dir, name, """
                FLASH 12M {
                  SI_ALL@0 0x500000 {
                    SI_DESC@0 0x1000
                    SI_GBE@0x1000 0x2000
                    SI_ME@0x3000 0x4fd000
                  }
                  SI_BIOS@0x500000 0x700000 {
                    RW_MRC_CACHE@0 0x10000
                    FMAP@0x10000 0x800
                    COREBOOT(CBFS)
                  }
                }
                """, "COREBOOT");
        TestImages.write(dir, name + ".desc", descriptor(X230_REGIONS, false));
        TestImages.write(dir, name + ".me", meRegion(mePartitions));
        TestImages.write(dir, name + ".gbe", gbeRegion(true));
        CorebootTools.run(dir, "cbfstool", name, "write", "-r", "SI_DESC", "-f", name + ".desc");
        inject(dir, name, "ME", name + ".me");
        inject(dir, name, "GbE", name + ".gbe");
        return image;
    }

    /** Runs ifdtool with {@code arguments} on the image and replaces the image with its output. */
    public static void ifdtool(Path dir, String name, String... arguments) throws IOException {
        String[] command = new String[arguments.length + 4];
        command[0] = "ifdtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        command[arguments.length + 1] = name;
        command[arguments.length + 2] = "-O";
        command[arguments.length + 3] = name + ".out";
        CorebootTools.run(dir, command);
        Files.move(dir.resolve(name + ".out"), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void inject(Path dir, String name, String region, String file) throws IOException {
        ifdtool(dir, name, "-i", region + ":" + file);
    }
}
