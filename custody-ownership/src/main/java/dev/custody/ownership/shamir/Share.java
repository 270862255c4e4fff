package dev.custody.ownership.shamir;

import dev.custody.common.TerminalText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;

/**
 * One share as text a person can print, read over the phone or type back:
 * {@code CUSTODY-SHARE:1:BUNDLE:K:N:X:DATA:CHECK}, where DATA is base32 and CHECK the first four
 * bytes of SHA-256 over everything before it, in hex. Every character is in the QR code's
 * alphanumeric set, so the QR code stays small. Whitespace and case are ignored when reading, so
 * a share may be typed in groups.
 *
 * @param bundleId which hand-off bundle this share belongs to
 * @param threshold K: how many shares recover the secret
 * @param count N: how many shares were made
 * @param x this share's x-coordinate, 1..N
 */
public record Share(String bundleId, int threshold, int count, int x, byte[] data) {
    public static final String PREFIX = "CUSTODY-SHARE";
    public static final int VERSION = 1;
    private static final Pattern BUNDLE_ID = Pattern.compile("[A-Z2-7]{8,64}");
    private static final Base32 BASE32 = new Base32();

    public Share {
        if (!isBundleId(bundleId)) {
            throw new IllegalArgumentException("a bundle id is 8 to 64 base32 characters, not '"
                    + TerminalText.escape(bundleId) + "'");
        }
        Shamir.checkParameters(threshold, count);
        if (x < 1 || x > count) {
            throw new IllegalArgumentException("share number " + x + " is outside 1.." + count);
        }
        data = data.clone();
    }

    public static boolean isBundleId(String text) {
        return BUNDLE_ID.matcher(text).matches();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The share as one line; it holds secret material. */
    public String encode() {
        String body = String.join(":", PREFIX, Integer.toString(VERSION), bundleId, Integer.toString(threshold),
                Integer.toString(count), Integer.toString(x), BASE32.encodeAsString(data).replace("=", ""));
        return body + ":" + checksum(body);
    }

    public static Share parse(String text) {
        String share = text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        int lastColon = share.lastIndexOf(':');
        if (!share.startsWith(PREFIX + ":") || lastColon < 0) {
            throw new IllegalArgumentException("this is not a Custody share (it should start with " + PREFIX + ":)");
        }
        String body = share.substring(0, lastColon);
        if (!MessageDigest.isEqual(checksum(body).getBytes(StandardCharsets.US_ASCII),
                share.substring(lastColon + 1).getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("the share's checksum does not match: it was mistyped or damaged");
        }
        String[] fields = body.split(":", -1);
        if (fields.length != 7) {
            throw new IllegalArgumentException("the share has " + fields.length + " fields instead of 7");
        }
        if (!fields[1].equals(Integer.toString(VERSION))) {
            throw new IllegalArgumentException("share format version " + fields[1] + " is not supported (this Custody reads "
                    + VERSION + ")");
        }
        try {
            byte[] data = BASE32.decode(fields[6]);
            if (!fields[6].matches("[A-Z2-7]*") || !BASE32.encodeAsString(data).replace("=", "").equals(fields[6])) {
                throw new IllegalArgumentException("the share's data is not base32");
            }
            return new Share(fields[2], Integer.parseInt(fields[3]), Integer.parseInt(fields[4]),
                    Integer.parseInt(fields[5]), data);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the share's K, N or number is not a number");
        }
    }

    private static String checksum(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "share " + x + " of " + count + " (bundle " + bundleId + ", " + threshold + " needed)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Share s && s.bundleId.equals(bundleId) && s.threshold == threshold && s.count == count
                && s.x == x && MessageDigest.isEqual(s.data, data);
    }

    @Override
    public int hashCode() {
        return bundleId.hashCode() * 31 + x;
    }
}
