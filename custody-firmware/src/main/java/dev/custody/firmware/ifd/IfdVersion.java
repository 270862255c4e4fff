package dev.custody.firmware.ifd;

/**
 * Descriptor layout generation. Version 2 (Skylake and later) widened the region base/limit
 * fields and moved the master access bits; the ME-disable strap moved with it.
 */
public enum IfdVersion {
    V1(5, 0xfff),
    V2(9, 0x7fff);

    /** How many region registers ifdtool reads for this version. */
    final int regionCount;
    final int regionFieldMask;

    IfdVersion(int regionCount, int regionFieldMask) {
        this.regionCount = regionCount;
        this.regionFieldMask = regionFieldMask;
    }
}
