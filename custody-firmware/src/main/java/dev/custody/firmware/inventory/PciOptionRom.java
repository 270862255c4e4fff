package dev.custody.firmware.inventory;

import dev.custody.firmware.Bytes;
import java.util.Optional;

/**
 * The start of a PCI expansion ROM: {@code 55 AA}, a pointer at 0x18 to the {@code PCIR} data
 * structure, which holds the vendor, device and 3-byte class code (base class 0x03 = display).
 */
public record PciOptionRom(int vendor, int device, int baseClass) {
    private static final byte[] PCIR = {'P', 'C', 'I', 'R'};
    private static final int DISPLAY_CLASS = 0x03;

    /** Empty when the bytes are not a PCI expansion ROM. */
    public static Optional<PciOptionRom> read(byte[] rom) {
        if (rom.length < 0x1a || (rom[0] & 0xff) != 0x55 || (rom[1] & 0xff) != 0xaa) {
            return Optional.empty();
        }
        int pcir = Bytes.u16le(rom, 0x18, "PCI option ROM", "PCIR pointer");
        if (!Bytes.startsWith(rom, pcir, PCIR) || pcir + 0x10 > rom.length) {
            return Optional.empty();
        }
        return Optional.of(new PciOptionRom(Bytes.u16le(rom, pcir + 4, "PCIR", "vendor"),
                Bytes.u16le(rom, pcir + 6, "PCIR", "device"), rom[pcir + 0x0f] & 0xff));
    }

    public boolean display() {
        return baseClass == DISPLAY_CLASS;
    }
}
