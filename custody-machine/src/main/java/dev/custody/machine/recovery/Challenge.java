package dev.custody.machine.recovery;

import dev.custody.attest.QrCode;
import dev.custody.common.JsonMaps;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recovery challenge for the owner's OpenPGP key: one line of text naming the machine, the
 * time it was made and 32 random bytes, so that a signature over it is good for this machine,
 * this once, and only for {@link #LIFETIME_MINUTES} minutes.
 * <pre>custody-recovery-challenge machine=ID created=2025-01-01T12:00:00Z nonce=BASE64URL</pre>
 */
public record Challenge(String machine, Instant created, String nonce) {
    public static final int LIFETIME_MINUTES = 10;
    private static final String PREFIX = "custody-recovery-challenge";
    private static final Pattern LINE = Pattern.compile(PREFIX
            + " machine=([0-9a-f]{32}) created=([0-9T:.Z-]{20,30}) nonce=([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Challenge fresh(String machine, Instant now) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return new Challenge(machine, Instant.ofEpochSecond(now.getEpochSecond()),
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    }

    /** The text the owner signs. */
    public String line() {
        return PREFIX + " machine=" + machine + " created=" + created + " nonce=" + nonce;
    }

    /** What 'boot recovery --challenge' prints: the line to sign, as text and as a QR code, and how to sign it. */
    public String instructions() {
        return "Sign this line with the owner's key, on any machine, within " + LIFETIME_MINUTES + " minutes:\n\n"
                + line() + "\n\n" + QrCode.of(line()).toTerminal()
                + "\necho '" + line() + "' | gpg --clearsign > answer.asc\n"
                + "custody boot recovery" + " --signature-file answer.asc ...";
    }

    /** The same as 'boot recovery --challenge --json' reports it. */
    public Map<String, Object> toJson() {
        return JsonMaps.object("challenge", line(), "created", created.toString(), "expires", expires().toString());
    }

    public Instant expires() {
        return created.plusSeconds(LIFETIME_MINUTES * 60L);
    }

    public static Challenge parse(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("the signed text is not a Custody recovery challenge (custody boot recovery"
                    + " --challenge makes one)");
        }
        try {
            return new Challenge(m.group(1), Instant.parse(m.group(2)), m.group(3));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the recovery challenge's time '" + m.group(2) + "' is not a time");
        }
    }
}
