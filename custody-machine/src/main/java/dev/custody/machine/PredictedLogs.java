package dev.custody.machine;

import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.CorebootTpm2LogWriter;
import dev.custody.eventlog.CorebootTpm2LogWriter.Measurement;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.eventlog.EventContent;
import dev.custody.eventlog.EventDecoder;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.firmware.predict.PcrPrediction;
import java.util.Optional;
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

    /** The CBFS names coreboot measured at this boot, in order, from the machine's log. */
    public static Optional<List<String>> corebootSequence(Machine machine) {
        Optional<byte[]> bytes = machine.measurementLog();
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            EventLog log = EventLogs.parse(bytes.get());
            List<String> names = log.events().stream()
                    .filter(e -> e.pcr() == MeasurementPredictor.CRTM_PCR && e.extendsPcr())
                    .map(e -> EventDecoder.decode(e, log.format()))
                    .filter(c -> c instanceof EventContent.CbfsFile)
                    .map(c -> ((EventContent.CbfsFile) c).name())
                    .toList();
            return names.isEmpty() ? Optional.empty() : Optional.of(names);
        } catch (MalformedLogException e) {
            return Optional.empty();
        }
    }
}
