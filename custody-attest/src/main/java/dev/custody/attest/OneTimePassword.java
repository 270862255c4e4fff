package dev.custody.attest;

import dev.custody.tpm.Hmac;
import java.nio.ByteBuffer;
import java.time.Instant;

/** HOTP (RFC 4226) and TOTP (RFC 6238) with the parameters every authenticator app uses: SHA-1, 6 digits, 30 s. */
public final class OneTimePassword {
    public static final int DIGITS = 6;
    public static final int PERIOD_SECONDS = 30;

    private OneTimePassword() {}

    /** The code for one counter value, zero-padded to six digits. */
    public static String hotp(byte[] key, long counter) {
        byte[] hmac = Hmac.sha1(key, ByteBuffer.allocate(8).putLong(counter).array());
        int offset = hmac[hmac.length - 1] & 0x0f;
        int binary = ((hmac[offset] & 0x7f) << 24) | ((hmac[offset + 1] & 0xff) << 16)
                | ((hmac[offset + 2] & 0xff) << 8) | (hmac[offset + 3] & 0xff);
        return zeroPadded(binary % 1_000_000);
    }

    /**
     * Not String.format: at boot this runs interpreted, and the formatter's locale lookup cost
     * more than the whole HMAC (docs/benchmarks.md, issue 15).
     */
    private static String zeroPadded(int code) {
        String digits = Integer.toString(code);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    public static TotpCode totp(byte[] key, Instant now) {
        long step = Math.floorDiv(now.getEpochSecond(), PERIOD_SECONDS);
        int secondsLeft = (int) (PERIOD_SECONDS - Math.floorMod(now.getEpochSecond(), PERIOD_SECONDS));
        return new TotpCode(hotp(key, step), secondsLeft, step);
    }

    /** A TOTP code, how many seconds it stays valid, and its time step (the HOTP counter it used). */
    public record TotpCode(String code, int secondsLeft, long timeStep) {}
}
