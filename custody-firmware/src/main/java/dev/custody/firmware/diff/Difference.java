package dev.custody.firmware.diff;

/**
 * One item that differs between two images.
 *
 * @param scope  {@code ifd-region}, {@code fmap-area} or {@code cbfs-file}
 * @param name   e.g. {@code Intel ME}, {@code COREBOOT} or {@code COREBOOT/fallback/romstage}
 * @param detail what changed, in a few words
 */
public record Difference(String scope, String name, Change change, String detail) {}
