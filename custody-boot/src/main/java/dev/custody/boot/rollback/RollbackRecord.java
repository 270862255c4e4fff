package dev.custody.boot.rollback;

import dev.custody.boot.manifest.FileHasher;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kexec_rollback.txt} as Heads writes it on a TPM 2.0: the sha256sum line of its file
 * {@code /tmp/counter-ID}, whose content is {@code ID: VALUE} with the counter's 8 bytes in hex.
 * Binding the counter value into a signed file is what makes an older signed /boot fail.
 */
public record RollbackRecord(String counterId, String digest) {
    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]{64})[ ][ *]/tmp/counter-([0-9a-fA-F]{1,8})\\s*$", Pattern.MULTILINE);

    public static RollbackRecord parse(String text) {
        Matcher matcher = LINE.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("kexec_rollback.txt is not a rollback counter record"
                    + " (a SHA-256 and /tmp/counter-ID, ID a TPM NV index of at most 8 hex digits)");
        }
        return new RollbackRecord(matcher.group(2), matcher.group(1).toLowerCase(java.util.Locale.ROOT));
    }

    public static RollbackRecord of(String counterId, long value) {
        return new RollbackRecord(counterId, HexFormat.of().formatHex(FileHasher.sha256(counterFile(counterId, value))));
    }

    /** The bytes of Heads' {@code /tmp/counter-ID}: {@code tpm2 nvread | xxd -pc8} after the ID. */
    static byte[] counterFile(String counterId, long value) {
        return (counterId + ": " + String.format("%016x", value) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static String idOf(int nvIndex) {
        return Integer.toHexString(nvIndex);
    }

    public int nvIndex() {
        return Integer.parseUnsignedInt(counterId, 16);
    }

    public boolean matches(long value) {
        return of(counterId, value).digest.equals(digest);
    }

    public String format() {
        return digest + "  /tmp/counter-" + counterId + "\n";
    }
}
