package dev.custody.firmware.predict;

import dev.custody.firmware.Sha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One measurement the firmware will make: shaped like an event-log entry so that an event-log
 * replayer can consume it. It carries the digest for both families: coreboot's TPM 2.0 path
 * extends SHA-256, its TPM 1.2 path (and Heads' {@code tpmr extend} on a TPM 1.2) SHA-1, of the
 * same bytes.
 *
 * @param description the event data as coreboot or Heads logs it, e.g. {@code CBFS: fallback/romstage}
 * @param cbfsName    the CBFS file it measures
 * @param sha256      the digest extended into a TPM 2.0's SHA-256 PCR
 * @param sha1        the digest extended into a TPM 1.2's PCR
 */
public record PredictedEvent(int pcr, String description, String cbfsName, byte[] sha256, byte[] sha1) {
    public static final int SHA1_LENGTH = 20;

    /** The measurement of {@code measured}, in both digests. */
    public static PredictedEvent of(int pcr, String description, String cbfsName, byte[] measured) {
        return new PredictedEvent(pcr, description, cbfsName, Sha256.of(measured), sha1(measured));
    }

    public String sha256Hex() {
        return Sha256.hex(sha256);
    }

    static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }
}
