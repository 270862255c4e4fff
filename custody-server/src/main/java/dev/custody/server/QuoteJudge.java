package dev.custody.server;

import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.LogDiff;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.eventlog.Replay;
import dev.custody.eventlog.Replayer;
import dev.custody.server.store.Reference;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.QuoteVerifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a verified quote and its log say about a machine, without the database: the log must
 * replay to the quoted PCR digest, then the replay is compared with the reference. Apart from
 * the nonce (which the database spends), this is the whole of verification, so it is what the
 * benchmark measures.
 */
public final class QuoteJudge {
    /** PCRs 0-7 are always quoted: firmware, its configuration, option ROMs, boot loader, Secure Boot. */
    public static final List<Integer> ALWAYS_QUOTED = List.of(0, 1, 2, 3, 4, 5, 6, 7);

    private static final int PCR_COUNT = 24;
    /** Logs of a large fleet's distinct boots; beyond that the cache starts over. */
    private static final int CACHED_REPLAYS = 10_000;
    private static final Map<String, Bytes[]> REPLAYS = new ConcurrentHashMap<>();

    private QuoteJudge() {}

    /** Either the log does not stand behind the quote (refused), or a verdict. */
    public sealed interface Outcome {
        record LogRefused(String reason) implements Outcome {}

        record Judged(Verdict verdict) implements Outcome {}
    }

    /** The PCRs a quote for a machine with this reference must cover. */
    public static List<Integer> requiredPcrs(Optional<Reference> reference) {
        TreeSet<Integer> pcrs = new TreeSet<>(ALWAYS_QUOTED);
        reference.ifPresent(r -> pcrs.addAll(r.pcrs().keySet()));
        return List.copyOf(pcrs);
    }

    /**
     * @param diffBase the log to explain differences against when the reference has none
     *                 (the machine's last trusted boot)
     */
    public static Outcome judge(QuoteVerifier.Quoted quoted, byte[] logBytes, Optional<Reference> reference,
                                Optional<byte[]> diffBase) {
        if (quoted.bank() != PcrBank.SHA256) {
            return new Outcome.LogRefused("the quote covers the " + quoted.bank() + " bank; Custody verifies SHA-256 quotes");
        }
        List<Integer> missing = new ArrayList<>(requiredPcrs(reference));
        missing.removeAll(quoted.pcrs());
        if (!missing.isEmpty()) {
            return new Outcome.LogRefused("the quote does not cover PCRs " + missing);
        }
        if (quoted.pcrs().stream().anyMatch(pcr -> pcr >= PCR_COUNT)) {
            return new Outcome.LogRefused("the quote selects PCRs beyond the " + PCR_COUNT + " a TPM has");
        }
        SortedMap<Integer, Bytes> replayed;
        try {
            replayed = replayed(logBytes, quoted.pcrs());
        } catch (MalformedLogException e) {
            return new Outcome.LogRefused("the event log does not parse: " + e.getMessage());
        }
        Map<Integer, byte[]> values = new TreeMap<>();
        replayed.forEach((pcr, value) -> values.put(pcr, value.toArray()));
        if (!MessageDigest.isEqual(QuoteVerifier.digest(PcrBank.SHA256, values), quoted.pcrDigest())) {
            return new Outcome.LogRefused("the event log does not replay to the quoted PCR values "
                    + "(an altered log, or PCRs extended without being logged)");
        }
        if (reference.isEmpty()) {
            return new Outcome.Judged(new Verdict(Verdict.UNKNOWN, List.of(
                    "no reference: set one with 'custody attest reference' (nothing is trusted without one)")));
        }
        List<Integer> differing = new ArrayList<>();
        reference.get().pcrs().forEach((pcr, expected) -> {
            if (!replayed.get(pcr).hex().equalsIgnoreCase(expected)) {
                differing.add(pcr);
            }
        });
        if (differing.isEmpty()) {
            return new Outcome.Judged(new Verdict(Verdict.TRUSTED, List.of(
                    "PCRs " + reference.get().pcrs().keySet() + " match the reference (" + reference.get().description() + ")")));
        }
        Optional<byte[]> base = reference.get().log().or(() -> diffBase);
        return new Outcome.Judged(new Verdict(Verdict.CHANGED,
                explain(differing, reference.get(), replayed, EventLogs.parse(logBytes), base)));
    }

    /**
     * The SHA-256 values the log replays to, for these PCRs. A machine sends the same log push
     * after push until it reboots, so replays are remembered by the log's SHA-256: hashing the
     * log costs a fraction of parsing and replaying it. Only the log's own content is cached,
     * never a verdict.
     */
    private static SortedMap<Integer, Bytes> replayed(byte[] logBytes, List<Integer> pcrs) {
        String key = HexFormat.of().formatHex(sha256(logBytes));
        Bytes[] bank = REPLAYS.get(key);
        if (bank == null) {
            bank = replayAll(EventLogs.parse(logBytes));
            if (REPLAYS.size() >= CACHED_REPLAYS) {
                REPLAYS.clear();
            }
            REPLAYS.put(key, bank);
        }
        SortedMap<Integer, Bytes> values = new TreeMap<>();
        for (int pcr : pcrs) {
            values.put(pcr, bank[pcr]);
        }
        return values;
    }

    private static Bytes[] replayAll(EventLog log) {
        Replay replay = Replayer.replay(log);
        SortedMap<Integer, Bytes> bank = replay.pcrs().containsKey(HashAlgorithm.SHA256)
                ? replay.bank(HashAlgorithm.SHA256) : new TreeMap<>();
        Bytes[] values = new Bytes[PCR_COUNT];
        for (int pcr = 0; pcr < PCR_COUNT; pcr++) {
            values[pcr] = bank.containsKey(pcr) ? bank.get(pcr) : Replayer.startValue(log, HashAlgorithm.SHA256, pcr);
        }
        return values;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** "PCR 2: CBFS file fallback/romstage changed", from the event-level diff when there is a log to compare with. */
    private static List<String> explain(List<Integer> differing, Reference reference, SortedMap<Integer, Bytes> replayed,
                                        EventLog now, Optional<byte[]> base) {
        List<String> reasons = new ArrayList<>();
        Optional<LogDiff.Result> diff = base.flatMap(bytes -> {
            try {
                return Optional.of(LogDiff.diff(EventLogs.parse(bytes), now));
            } catch (MalformedLogException e) {
                return Optional.empty();
            }
        });
        for (int pcr : differing) {
            List<String> events = diff.stream().flatMap(d -> d.pcrs().stream()).filter(p -> p.pcr() == pcr)
                    .flatMap(p -> p.changes().stream()).map(c -> "PCR " + pcr + ": " + c.description()).toList();
            if (events.isEmpty()) {
                reasons.add("PCR " + pcr + ": differs from the reference (expected " + shortHex(reference.pcrs().get(pcr))
                        + ", measured " + shortHex(replayed.get(pcr).hex()) + ")");
            } else {
                reasons.addAll(events);
            }
        }
        return reasons;
    }

    private static String shortHex(String hex) {
        return hex.substring(0, Math.min(16, hex.length())) + "…";
    }
}
