package dev.custody.firmware.inventory;

import dev.custody.firmware.Sha256;

/**
 * One binary blob found in an image. Its digest is worked out only when asked for: listing the
 * blobs of a 16 MiB image for a person ({@code rom inspect} without --json) needs none, and
 * hashing a multi-megabyte ME region early in a JVM's life costs most of the command's time.
 *
 * @param location where it is, e.g. {@code IFD region Intel ME} or {@code CBFS COREBOOT/mrc.bin}
 * @param offset   its first byte in the image
 * @param size     its size as stored
 * @param stored   the bytes it is stored as
 */
public record Blob(BlobKind kind, String location, long offset, long size, StoredBytes stored) {
    public boolean runsOnMainCpu() {
        return kind.runsOnMainCpu();
    }

    /** SHA-256 over the stored bytes, in hex. */
    public String sha256() {
        return stored.sha256();
    }

    /** A range of an array, hashed at most once. */
    public static final class StoredBytes {
        private final byte[] array;
        private final int from;
        private final int length;
        private String sha256;

        public StoredBytes(byte[] array, int from, int length) {
            this.array = array;
            this.from = from;
            this.length = length;
        }

        synchronized String sha256() {
            if (sha256 == null) {
                sha256 = Sha256.hex(Sha256.of(array, from, length));
            }
            return sha256;
        }
    }
}
