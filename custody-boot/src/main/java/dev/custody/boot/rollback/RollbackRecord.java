package dev.custody.boot.rollback;

import dev.custody.boot.manifest.FileHasher;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kexec_rollback.txt} as Heads writes it: the sha256sum line of its file
 * {@code /tmp/counter-ID}, whose content is {@code ID: VALUE}. On a TPM 2.0 VALUE is the counter's
 * 8 bytes in hex; on a TPM 1.2 it is the 10-byte TPM_COUNTER_VALUE tpmtotp's {@code counter_read}
 * prints (tag 000e, Heads' label 45221351, the 4-byte count).
 * Binding the counter value into a signed file is what makes an older signed /boot fail.
 */
public record RollbackRecord(String counterId, String digest) {
    /** tpmtotp's {@code counter_create -la -3135106223}, as atoi wraps it: Heads' label on TPM 1.2. */
    public static final int HEADS_TPM12_LABEL = 0x45221351;
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

    /** Heads' record on a TPM 1.2, for the counter the TPM numbered {@code counterId}. */
    public static RollbackRecord ofTpm12(String counterId, long value) {
        byte[] file = (counterId + ": 000e" + String.format("%08x%08x", HEADS_TPM12_LABEL, value) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new RollbackRecord(counterId, HexFormat.of().formatHex(FileHasher.sha256(file)));
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

    /** Whether the record names this counter value, in either family's form (no digest is both). */
    public boolean matches(long value) {
        return of(counterId, value).digest.equals(digest) || ofTpm12(counterId, value).digest.equals(digest);
    }

    public String format() {
        return digest + "  /tmp/counter-" + counterId + "\n";
    }
}
