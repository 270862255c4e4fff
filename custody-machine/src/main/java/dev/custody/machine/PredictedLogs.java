package dev.custody.machine;

import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.CorebootTpm1LogWriter;
import dev.custody.eventlog.CorebootTpm2LogWriter;
import dev.custody.eventlog.CorebootTpm2LogWriter.Measurement;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.eventlog.Event;
import dev.custody.eventlog.EventContent;
import dev.custody.eventlog.EventDecoder;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.firmware.predict.PredictedEvent;
import dev.custody.tpm.PcrBank;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;

/**
 * Measurements as a coreboot log: coreboot's own entries ("CBFS: name") and, after them, Heads'
 * cbfs-init extends of the owner's files, so one log explains PCRs 2 and 7. A TPM 2.0 gets the
 * SHA-256 CBT2 log, a TPM 1.2 the SHA-1 CBT1 log, as coreboot writes one or the other.
 */
public final class PredictedLogs {
    /** coreboot reserves a fixed table; this leaves room beyond what a lab machine measures. */
    private static final int LOG_ENTRIES = 64;

    private PredictedLogs() {}

    public static byte[] toCorebootLog(PcrPrediction measurements, PcrBank bank) {
        List<Measurement> entries = measurements.events().stream()
                .map(e -> new Measurement(e.pcr(), Bytes.of(digest(e, bank)),
                        e.pcr() == MeasurementPredictor.CRTM_PCR ? e.description() : "Heads: " + e.description()))
                .toList();
        return bank == PcrBank.SHA1
                ? CorebootTpm1LogWriter.write(entries, LOG_ENTRIES)
                : CorebootTpm2LogWriter.write(HashAlgorithm.SHA256, entries, LOG_ENTRIES);
    }

    /** The digest an event extends into a PCR of {@code bank}: SHA-1 on a TPM 1.2, SHA-256 on a TPM 2.0. */
    public static byte[] digest(PredictedEvent event, PcrBank bank) {
        return switch (bank) {
            case SHA1 -> event.sha1();
            case SHA256 -> event.sha256();
            default -> throw new IllegalArgumentException("firmware measurements are predicted in SHA-1 and SHA-256 only, not "
                    + bank.label());
        };
    }

    /** The PCR values the measurements replay to in {@code bank}. */
    public static java.util.SortedMap<Integer, byte[]> values(PcrPrediction measurements, PcrBank bank) {
        return bank == PcrBank.SHA1 ? measurements.sha1Pcrs() : measurements.pcrs();
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

    /**
     * The CBFS files coreboot measured into PCR 2, in order, from a log file ({@code rom predict --eventlog}). Any other measurement there means
     * the log is not coreboot's (UEFI firmware puts option ROMs in PCR 2), and a prediction
     * from it would be wrong, so it is refused rather than skipped.
     */
    public static List<String> corebootSequence(Path file) throws IOException {
        EventLog log = EventLogs.read(file);
        List<String> names = new ArrayList<>();
        for (Event event : log.events()) {
            if (event.pcr() != MeasurementPredictor.CRTM_PCR || !event.extendsPcr()) {
                continue;
            }
            switch (EventDecoder.decode(event, log.format())) {
                case EventContent.CbfsFile cbfs -> names.add(cbfs.name());
                case EventContent other -> throw new IllegalArgumentException("event " + event.index() + " of "
                        + file + " (" + log.format().description() + ") extends PCR 2 with " + other.describe()
                        + ", not a CBFS file: only coreboot's PCR 2 can be predicted from the image");
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(file + " (" + log.format().description()
                    + ") measures no CBFS file into PCR 2: it is not the log of a coreboot boot with measured boot");
        }
        return names;
    }
}
