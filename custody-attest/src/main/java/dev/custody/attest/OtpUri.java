package dev.custody.attest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.binary.Base32;

/**
 * The enrolment URI authenticator apps read from a QR code, as Heads writes it:
 * {@code otpauth://totp/LABEL?secret=BASE32}. The string holds the secret: show it, never log it.
 */
public final class OtpUri {
    private OtpUri() {}

    public static String totp(String label, byte[] secret) {
        return "otpauth://totp/" + escape(label) + "?secret=" + base32(secret);
    }

    public static String hotp(String label, byte[] secret, long counter) {
        return "otpauth://hotp/" + escape(label) + "?secret=" + base32(secret) + "&counter=" + counter;
    }

    /** RFC 4648 Base32 without padding, the form authenticator apps and {@code oathtool -b} accept. */
    public static String base32(byte[] secret) {
        return new Base32().encodeAsString(secret).replace("=", "");
    }

    private static String escape(String label) {
        return URLEncoder.encode(label, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
