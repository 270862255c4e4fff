package dev.custody.firmware.ifd;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One master access register (FLMSTRn): which regions a bus master (host CPU, ME, GbE, EC) may
 * read and write. Version 1 keeps the bits at 16/24, version 2 at 8/20.
 */
public record FlashMaster(int number, String master, int register, List<RegionKind> readable,
                          List<RegionKind> writable) {
    private static final String[] NAMES = {"Host CPU/BIOS", "Intel ME", "GbE", "Reserved", "EC"};

    static FlashMaster decode(int number, int register, IfdVersion version, int regionCount) {
        int readShift = version == IfdVersion.V1 ? 16 : 8;
        int writeShift = version == IfdVersion.V1 ? 24 : 20;
        int bits = version == IfdVersion.V1 ? 8 : 12;
        int usable = Math.min(bits, regionCount);
        return new FlashMaster(number, NAMES[number - 1], register,
                granted(register, readShift, usable), granted(register, writeShift, usable));
    }

    private static List<RegionKind> granted(int register, int shift, int count) {
        return IntStream.range(0, count).filter(i -> (register >>> (shift + i) & 1) != 0)
                .mapToObj(RegionKind::ofIndex).toList();
    }

    public boolean canWrite(RegionKind region) {
        return writable.contains(region);
    }

    public boolean canRead(RegionKind region) {
        return readable.contains(region);
    }
}
