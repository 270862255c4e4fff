package dev.custody.firmware.ifd;

/**
 * One flash region register (FLREGn): base and limit in 4 KiB units. A base above the limit
 * marks the region as unused.
 */
public record FlashRegion(RegionKind kind, int register, int base, int limit) {
    static FlashRegion decode(RegionKind kind, int register, IfdVersion version) {
        int base = (register & version.regionFieldMask) << 12;
        int limit = ((register >>> 16) & version.regionFieldMask) << 12 | 0xfff;
        return new FlashRegion(kind, register, base, limit);
    }

    public int index() {
        return kind.ordinal();
    }

    public boolean used() {
        return Integer.compareUnsigned(base, limit) < 0;
    }

    public int size() {
        return used() ? limit - base + 1 : 0;
    }

    public boolean overlaps(FlashRegion other) {
        return used() && other.used() && base <= other.limit && other.base <= limit;
    }
}
