package dev.custody.firmware.inventory;

/**
 * One binary blob found in an image.
 *
 * @param location where it is, e.g. {@code IFD region Intel ME} or {@code CBFS COREBOOT/mrc.bin}
 * @param offset   its first byte in the image
 * @param size     its size as stored
 * @param sha256   over the stored bytes
 */
public record Blob(BlobKind kind, String location, long offset, long size, String sha256) {
    public boolean runsOnMainCpu() {
        return kind.runsOnMainCpu();
    }
}
