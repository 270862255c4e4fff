package dev.custody.ownership.shamir;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A secret split into shares for one bundle. The SHA-256 of the secret is split with it, so that
 * recovery knows when the shares do not belong together (an altered share whose checksum was
 * recomputed), while K−1 shares still reveal nothing, the digest included.
 */
public final class SecretShares {
    private static final int DIGEST_LENGTH = 32;

    private SecretShares() {}

    public static List<Share> split(String bundleId, byte[] secret, int threshold, int count) {
        byte[] payload = new byte[DIGEST_LENGTH + secret.length];
        System.arraycopy(sha256(secret), 0, payload, 0, DIGEST_LENGTH);
        System.arraycopy(secret, 0, payload, DIGEST_LENGTH, secret.length);
        List<byte[]> values = Shamir.split(payload, threshold, count, new SecureRandom());
        Arrays.fill(payload, (byte) 0);
        List<Share> shares = new ArrayList<>();
        for (int x = 1; x <= count; x++) {
            shares.add(new Share(bundleId, threshold, count, x, values.get(x - 1)));
            Arrays.fill(values.get(x - 1), (byte) 0);
        }
        return shares;
    }

    /** The secret; the caller wipes it. Refuses shares of different bundles, too few, or that do not fit together. */
    public static byte[] recover(List<Share> shares, String bundleId) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("no shares given");
        }
        Map<Integer, byte[]> points = new TreeMap<>();
        Share first = shares.getFirst();
        for (Share share : shares) {
            if (!share.bundleId().equals(bundleId)) {
                throw new IllegalArgumentException(share + " belongs to another bundle (" + share.bundleId()
                        + "), not to this one (" + bundleId + ")");
            }
            if (share.threshold() != first.threshold() || share.count() != first.count()) {
                throw new IllegalArgumentException("the shares disagree about K and N (" + first.threshold() + " of "
                        + first.count() + " vs " + share.threshold() + " of " + share.count() + ")");
            }
            if (points.put(share.x(), share.data()) != null) {
                throw new IllegalArgumentException("share " + share.x() + " was given twice");
            }
        }
        if (points.size() < first.threshold()) {
            throw new IllegalArgumentException(points.size() + " share(s) given, but " + first.threshold() + " of the "
                    + first.count() + " are needed");
        }
        byte[] payload = Shamir.combine(points);
        points.values().forEach(value -> Arrays.fill(value, (byte) 0));
        try {
            if (payload.length < DIGEST_LENGTH) {
                throw new IllegalArgumentException("the shares are too short to hold a secret");
            }
            byte[] secret = Arrays.copyOfRange(payload, DIGEST_LENGTH, payload.length);
            if (!MessageDigest.isEqual(sha256(secret), Arrays.copyOf(payload, DIGEST_LENGTH))) {
                Arrays.fill(secret, (byte) 0);
                throw new IllegalArgumentException("the shares do not fit together: at least one was altered");
            }
            return secret;
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
