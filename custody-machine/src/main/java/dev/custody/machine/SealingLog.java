package dev.custody.machine;

import dev.custody.attest.MeasurementExplanation;
import dev.custody.common.AtomicFiles;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.tpm.PolicyMismatchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The measurement log of the boot a secret was sealed for, kept beside the seal, so that a later
 * refusal can say which measurements changed, not only which PCRs.
 */
record SealingLog(Machine machine, Path file) {
    static SealingLog of(Machine machine, String fileName) {
        return new SealingLog(machine, machine.stateDirectory().resolve(fileName));
    }

    /** Keeps {@code log}, or forgets a stale one when the seal has no log (e.g. predicted values). */
    void remember(Optional<byte[]> log) {
        try {
            if (log.isPresent()) {
                AtomicFiles.write(file, log.get());
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }

    /** The refusal in words: PCRs, and the first measurements that differ from the sealing boot's. */
    String explain(PolicyMismatchException refusal) {
        return MeasurementExplanation.explain(refusal, read(), machine.measurementLog().flatMap(SealingLog::parse));
    }

    private Optional<EventLog> read() {
        try {
            return Files.exists(file) ? parse(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** An unreadable log only costs the detail of an explanation; the refusal itself stands. */
    static Optional<EventLog> parse(byte[] log) {
        try {
            return Optional.of(EventLogs.parse(log));
        } catch (MalformedLogException e) {
            return Optional.empty();
        }
    }
}
