package dev.custody.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Verifies a log against actual PCR values: replays it and compares per PCR and bank. Kept apart
 * from parsing and replay so that the same log can be checked against a TPM, a file or a quote.
 */
public final class PcrCheck {
    private static final int EXIT_BOOT_SERVICES_PCR = 5;
    private static final int EFI_STUB_PCR = 9;
    private static final String EBS_INVOCATION = "Exit Boot Services Invocation";
    private static final String EBS_SUCCESS = "Exit Boot Services Returned with Success";
    private static final String EBS_FAILURE = "Exit Boot Services Returned with Failure";
    /** Some firmware extends these into PCR 5 without logging them (see go-attestation's workarounds). */
    private static final List<List<String>> EBS_WORKAROUNDS = List.of(
            List.of(EBS_INVOCATION, EBS_SUCCESS),
            List.of(EBS_INVOCATION, EBS_FAILURE),
            List.of(EBS_INVOCATION, EBS_FAILURE, EBS_SUCCESS));

    private PcrCheck() {}

    /** How one PCR of one bank compares. */
    public sealed interface Verdict {
        String describe();
    }

    public record Match() implements Verdict {
        @Override
        public String describe() {
            return "matches";
        }
    }

    public record MatchWithWorkaround(String workaround) implements Verdict {
        @Override
        public String describe() {
            return "matches after a workaround: " + workaround;
        }
    }

    public record Mismatch(String explanation) implements Verdict {
        @Override
        public String describe() {
            return "MISMATCH: " + explanation;
        }
    }

    public record NotAvailable(String reason) implements Verdict {
        @Override
        public String describe() {
            return "not checked: " + reason;
        }
    }

    public record PcrResult(HashAlgorithm bank, int pcr, Bytes replayed, Optional<Bytes> actual, Verdict verdict) {}

    public record Report(List<PcrResult> results, List<String> warnings) {
        public Report {
            results = List.copyOf(results);
            warnings = List.copyOf(warnings);
        }

        /** True when every PCR the log touches was compared in at least one bank and nothing mismatched. */
        public boolean allMatch() {
            boolean anyMismatch = results.stream().anyMatch(r -> r.verdict() instanceof Mismatch);
            boolean everyPcrCompared = results.stream().map(PcrResult::pcr).distinct().allMatch(pcr -> results.stream()
                    .anyMatch(r -> r.pcr() == pcr && !(r.verdict() instanceof NotAvailable)));
            return !results.isEmpty() && !anyMismatch && everyPcrCompared;
        }
    }

    public static Report check(EventLog log, PcrValues actual) {
        Replay replay = Replayer.replay(log);
        List<String> warnings = new ArrayList<>(replay.warnings());
        List<PcrResult> results = new ArrayList<>();
        for (Map.Entry<HashAlgorithm, SortedMap<Integer, Bytes>> bank : replay.pcrs().entrySet()) {
            SortedMap<Integer, Bytes> tpm = actual.banks().get(bank.getKey());
            for (int pcr : new TreeSet<>(bank.getValue().keySet())) {
                Bytes replayed = bank.getValue().get(pcr);
                Optional<Bytes> value = tpm == null ? Optional.empty() : Optional.ofNullable(tpm.get(pcr));
                Verdict verdict = value.map(v -> compare(log, bank.getKey(), pcr, replayed, v))
                        .orElseGet(() -> new NotAvailable(tpm == null ? "no " + bank.getKey().bankName() + " values given"
                                : "no value given for this PCR"));
                if (verdict instanceof MatchWithWorkaround) {
                    warnings.add(bank.getKey().bankName() + " PCR " + pcr + " " + verdict.describe());
                }
                results.add(new PcrResult(bank.getKey(), pcr, replayed, value, verdict));
            }
            // Only UEFI (TCG2) logs have a final-events table; coreboot's logs leave Heads' own extends out by design.
            if (tpm != null && log.format() == LogFormat.CRYPTO_AGILE) {
                tpm.forEach((pcr, value) -> {
                    Bytes reset = Replayer.startValue(log, bank.getKey(), pcr);
                    if (!bank.getValue().containsKey(pcr) && !value.equals(reset)) {
                        results.add(new PcrResult(bank.getKey(), pcr, reset, Optional.of(value), new Mismatch(
                                "the log has no event for this PCR, but the TPM's value is not its reset value: "
                                + missingEvents(log, pcr))));
                    }
                });
            }
        }
        return new Report(results, warnings);
    }

    private static Verdict compare(EventLog log, HashAlgorithm bank, int pcr, Bytes replayed, Bytes actual) {
        if (replayed.equals(actual)) {
            return new Match();
        }
        if (pcr == EXIT_BOOT_SERVICES_PCR) {
            for (List<String> events : EBS_WORKAROUNDS) {
                Bytes value = replayed;
                for (String action : events) {
                    value = bank.extend(value, bank.digest(action.getBytes(StandardCharsets.US_ASCII)));
                }
                if (value.equals(actual)) {
                    return new MatchWithWorkaround("the log lacks the ExitBootServices events \""
                            + String.join("\", \"", events) + "\" that the firmware extended");
                }
            }
        }
        return new Mismatch(explain(log, bank, pcr, actual));
    }

    /** Says what can be known from where, if anywhere, the actual value lies on the log's chain. */
    private static String explain(EventLog log, HashAlgorithm bank, int pcr, Bytes actual) {
        List<Bytes> history = Replayer.history(log, bank, pcr);
        int reached = history.indexOf(actual);
        int logged = history.size() - 1;
        if (reached == 0) {
            return "the TPM PCR was never extended: this log is not from the boot the TPM recorded (or the TPM was reset)";
        }
        if (reached > 0) {
            return "the TPM received only " + reached + " of the " + logged
                    + " logged measurements: the log claims measurements that never happened (altered log)";
        }
        return "the TPM holds measurements this log does not explain: " + missingEvents(log, pcr);
    }

    /**
     * Why a TPM can hold more than a log says. On a TCG2 (crypto-agile) log the likely reason is the
     * final-events table: what is measured after the OS loader fetched the log (GetEventLog) is
     * only there, and the kernel's copy of the log can lack it.
     */
    private static String missingEvents(EventLog log, int pcr) {
        if (log.format() != LogFormat.CRYPTO_AGILE) {
            return "the log is incomplete or was altered";
        }
        String who = pcr == EFI_STUB_PCR ? " (PCR 9 is where the kernel's EFI stub measures the initrd and command line)" : "";
        return "events missing from the final-events table: measurements made after the boot loader fetched the log"
                + who + " are only in the TCG2 final-events table, and this log lacks them; otherwise the log is incomplete or was altered";
    }
}
