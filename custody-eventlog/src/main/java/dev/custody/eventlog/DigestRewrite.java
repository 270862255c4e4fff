package dev.custody.eventlog;

import java.util.Arrays;
import java.util.Map;

/**
 * A TCG log with some events' digests replaced, byte for byte otherwise: the log a boot would
 * write if it loaded other images. Event data (device paths, image lengths) is kept, so the
 * result is a prediction of the PCRs, not of every byte a firmware would write.
 */
public final class DigestRewrite {
    private static final int SHA1_FORMAT_DIGEST = 8;
    private static final int AGILE_DIGESTS = 12;

    private DigestRewrite() {}

    /**
     * {@code replacements}: by event index, the new digest per bank. Every bank the event carries
     * must be given, so that no stale digest survives in the predicted log.
     */
    public static byte[] rewrite(byte[] raw, EventLog log, Map<Integer, Map<HashAlgorithm, Bytes>> replacements) {
        if (log.format() != LogFormat.CRYPTO_AGILE && log.format() != LogFormat.TCG_SHA1) {
            throw new IllegalArgumentException("only TCG logs (SHA1 or crypto-agile format) can be rewritten, not a "
                    + log.format().description());
        }
        byte[] out = raw.clone();
        replacements.forEach((index, digests) -> {
            Event event = log.events().get(index);
            if (!digests.keySet().equals(event.digests().keySet())) {
                throw new IllegalArgumentException(event.label() + " carries " + event.digests().keySet()
                        + " digests but " + digests.keySet() + " were given");
            }
            digests.forEach((bank, digest) -> overwrite(out, event, bank, digest, log.format()));
        });
        return out;
    }

    private static void overwrite(byte[] out, Event event, HashAlgorithm bank, Bytes digest, LogFormat format) {
        int at = format == LogFormat.TCG_SHA1 ? (int) event.offset() + SHA1_FORMAT_DIGEST
                : locate(out, event, bank);
        System.arraycopy(digest.toArray(), 0, out, at, bank.digestLength());
    }

    /** The digest's place among the event's {hashAlg, digest} pairs, found by its algorithm id and old value. */
    private static int locate(byte[] raw, Event event, HashAlgorithm bank) {
        byte[] old = event.digest(bank).orElseThrow().toArray();
        byte[] pattern = new byte[2 + old.length];
        pattern[0] = (byte) bank.tcgId();
        pattern[1] = (byte) (bank.tcgId() >>> 8);
        System.arraycopy(old, 0, pattern, 2, old.length);
        int end = (int) Math.min(raw.length, event.offset() + AGILE_DIGESTS + 66L * event.digests().size() + 66L * 8);
        for (int at = (int) event.offset() + AGILE_DIGESTS; at + pattern.length <= end; at++) {
            if (Arrays.equals(raw, at, at + pattern.length, pattern, 0, pattern.length)) {
                return at + 2;
            }
        }
        throw new IllegalStateException("the " + bank.bankName() + " digest of " + event.label() + " is not where the log has it");
    }
}
