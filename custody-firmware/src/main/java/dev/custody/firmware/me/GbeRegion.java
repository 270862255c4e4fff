package dev.custody.firmware.me;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ifd.FlashRegion;
import java.util.HexFormat;

/**
 * The Intel GbE region's NVM image: the 16-bit little-endian words 0x00-0x3F must sum to
 * 0xBABA, and words 0-2 hold the MAC address.
 */
public record GbeRegion(FlashRegion region, String macAddress, boolean checksumValid, boolean erased) {
    static final int CHECKSUM_WORDS = 0x40;
    static final int CHECKSUM_TARGET = 0xbaba;

    public static GbeRegion of(byte[] image, FlashRegion region) {
        int base = region.base();
        Bytes.require(image, base, CHECKSUM_WORDS * 2L, "GbE NVM", "checksum words");
        int sum = 0;
        for (int i = 0; i < CHECKSUM_WORDS; i++) {
            sum += Bytes.u16le(image, base + 2 * i, "GbE NVM", "word " + i);
        }
        String mac = HexFormat.ofDelimiter(":").formatHex(image, base, base + 6);
        boolean erased = java.util.stream.IntStream.range(base, base + CHECKSUM_WORDS * 2).allMatch(i -> image[i] == (byte) 0xff);
        return new GbeRegion(region, mac, (sum & 0xffff) == CHECKSUM_TARGET, erased);
    }
}
