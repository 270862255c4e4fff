package dev.custody.machine;

import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.CorebootTpm2LogWriter;
import dev.custody.eventlog.CorebootTpm2LogWriter.Measurement;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import java.util.List;

/**
 * Measurements as a coreboot TPM 2.0 log: coreboot's own entries ("CBFS: name") and, after
 * them, Heads' cbfs-init extends of the owner's files, so one log explains PCRs 2 and 7.
 */
public final class PredictedLogs {
    /** coreboot reserves a fixed table; this leaves room beyond what a lab machine measures. */
    private static final int LOG_ENTRIES = 64;

    private PredictedLogs() {}

    public static byte[] toCorebootLog(PcrPrediction measurements) {
        List<Measurement> entries = measurements.events().stream()
                .map(e -> new Measurement(e.pcr(), Bytes.of(e.sha256()),
                        e.pcr() == MeasurementPredictor.CRTM_PCR ? e.description() : "Heads: " + e.description()))
                .toList();
        return CorebootTpm2LogWriter.write(HashAlgorithm.SHA256, entries, LOG_ENTRIES);
    }
}
