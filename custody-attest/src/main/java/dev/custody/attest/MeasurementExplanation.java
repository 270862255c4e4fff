package dev.custody.attest;

import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.LogDiff;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.tpm.PolicyMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns "the TPM refused" into what changed: the sealed PCRs that differ (from the seal record)
 * and, when the measurement log of the sealing boot was kept, the first events that differ,
 * e.g. "PCR 2: CBFS file fallback/romstage changed".
 */
public final class MeasurementExplanation {
    private static final int EVENTS_PER_PCR = 3;

    private MeasurementExplanation() {}

    public static String explain(PolicyMismatchException refusal, Optional<EventLog> sealedWith, Optional<EventLog> now) {
        List<String> lines = new ArrayList<>();
        lines.add(refusal.getMessage());
        if (sealedWith.isPresent() && now.isPresent()) {
            try {
                LogDiff.Result diff = LogDiff.diff(sealedWith.get(), now.get());
                for (LogDiff.PcrDiff pcr : diff.pcrs()) {
                    if (refusal.policy().pcrs().contains(pcr.pcr())) {
                        pcr.changes().stream().limit(EVENTS_PER_PCR)
                                .forEach(c -> lines.add("PCR " + pcr.pcr() + ": " + c.description()));
                    }
                }
            } catch (MalformedLogException e) {
                lines.add("(the measurement logs cannot be compared: " + e.getMessage() + ")");
            }
        }
        return String.join("\n", lines);
    }
}
