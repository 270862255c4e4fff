package dev.custody.firmware.cbfs;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.ImageFormatException;
import dev.custody.firmware.Sha256;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * coreboot's CBFS verification anchor ({@code struct metadata_hash_anchor}: the magic
 * {@code "\xadMdtHsh\x15"}, then a {@code vb2_hash} of 3 reserved bytes, the algorithm and the
 * digest), kept in the bootblock. The digest covers the metadata (everything before the data)
 * of every non-empty file of the primary CBFS, in order.
 *
 * @param location where the magic sits in the image
 */
public record MetadataHashAnchor(int location, int algorithm, byte[] digest) {
    private static final byte[] MAGIC = {(byte) 0xad, 'M', 'd', 't', 'H', 's', 'h', 0x15};
    private static final int ALGORITHM_OFFSET = 11;
    private static final int DIGEST_OFFSET = 12;

    private record Span(int start, int length) {}

    /**
     * Looks where cbfstool looks: in the primary CBFS's {@code bootblock} file (x86) or the
     * {@code BOOTBLOCK} FMAP area (other architectures).
     */
    public static Optional<MetadataHashAnchor> find(FirmwareImage image) {
        Optional<Span> bootblock = image.cbfs().stream().filter(c -> c.region().equals(Cbfs.DEFAULT_REGION)).findFirst()
                .flatMap(c -> c.file("bootblock").map(f -> new Span(c.absolute(f.offset() + f.dataOffset()), f.data().length)))
                .or(() -> image.fmapArea("BOOTBLOCK").map(a -> new Span(a.offset(), a.size())));
        return bootblock.flatMap(span -> find(image.bytes(), span.start(), span.start() + span.length()));
    }

    private static Optional<MetadataHashAnchor> find(byte[] image, int from, int to) {
        for (int at = from; at + DIGEST_OFFSET + Sha256.LENGTH <= to; at++) {
            if (image[at] == MAGIC[0] && Bytes.startsWith(image, at, MAGIC)) {
                int algorithm = image[at + ALGORITHM_OFFSET] & 0xff;
                return Optional.of(new MetadataHashAnchor(at, algorithm,
                        Arrays.copyOfRange(image, at + DIGEST_OFFSET, at + DIGEST_OFFSET + Sha256.LENGTH)));
            }
        }
        return Optional.empty();
    }

    /** Hashes the metadata as it is in the image, padding bytes included, as coreboot does. */
    public static byte[] digestOf(byte[] image, Cbfs cbfs) {
        MessageDigest digest = Sha256.newDigest();
        cbfs.files().stream().filter(f -> !f.isEmptySpace())
                .forEach(f -> digest.update(image, cbfs.absolute(f.offset()), f.dataOffset()));
        return digest.digest();
    }

    public boolean matches(byte[] image, Cbfs cbfs) {
        return algorithm == CbfsAttribute.Hash.SHA256 && Arrays.equals(digest, digestOf(image, cbfs));
    }

    /** Writes the digest of {@code cbfs} into the anchor inside {@code image}. */
    public void update(byte[] image, Cbfs cbfs) {
        if (algorithm != CbfsAttribute.Hash.SHA256) {
            throw new ImageFormatException("CBFS metadata hash anchor", location, "algorithm " + algorithm
                    + " is not SHA-256, the only one Custody writes");
        }
        System.arraycopy(digestOf(image, cbfs), 0, image, location + DIGEST_OFFSET, Sha256.LENGTH);
    }
}
