package dev.custody.machine;

import dev.custody.attest.MeasurementExplanation;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.common.AtomicFiles;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PolicyMismatchException;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TOTP/HOTP secret of one machine: sealed with the measurement log of that boot kept beside
 * it, so that a later refusal can say which measurement changed, not only which PCR.
 */
public final class MachineOtp {
    private static final String SEALED_LOG = "totp-sealed-eventlog.bin";

    private final Machine machine;
    private final Tpm tpm;
    private final Secret ownerAuth;

    public MachineOtp(Machine machine, Tpm tpm) {
        this(machine, tpm, Secret.empty());
    }

    public MachineOtp(Machine machine, Tpm tpm, Secret ownerAuth) {
        this.machine = machine;
        this.tpm = tpm;
        this.ownerAuth = ownerAuth;
    }

    public SealedOtpSecret secret() {
        return new SealedOtpSecret(tpm, machine.sealRecords(), ownerAuth);
    }

    /** A new secret sealed to the PCRs' current values. */
    public Secret enroll(List<Integer> pcrs) {
        Secret secret = secret().enroll(pcrs, tpm.readPcrs(PcrBank.SHA256, pcrs));
        rememberLog(machine.measurementLog());
        return secret;
    }

    /** The same secret, sealed to PCR values a firmware update is predicted to produce. */
    public void reseal(Secret secret, List<Integer> pcrs, Map<Integer, byte[]> predicted, Optional<byte[]> predictedLog) {
        secret().reseal(secret, pcrs, predicted);
        rememberLog(predictedLog);
    }

    /** Unseals, or fails with one line naming the PCRs and the first measurements that changed. */
    public Secret unseal() {
        try {
            return secret().unseal();
        } catch (PolicyMismatchException refusal) {
            String explanation = MeasurementExplanation.explain(refusal, sealedLog(), machine.measurementLog().flatMap(MachineOtp::parse));
            throw new TpmException(explanation.replace("\n", "; "));
        }
    }

    private void rememberLog(Optional<byte[]> log) {
        Path file = machine.stateDirectory().resolve(SEALED_LOG);
        if (log.isPresent()) {
            AtomicFiles.write(file, log.get());
        } else {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot remove the stale " + file, e);
            }
        }
    }

    private Optional<EventLog> sealedLog() {
        Path file = machine.stateDirectory().resolve(SEALED_LOG);
        try {
            return Files.exists(file) ? parse(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** An unreadable log only costs the detail; the refusal itself stands. */
    private static Optional<EventLog> parse(byte[] log) {
        try {
            return Optional.of(EventLogs.parse(log));
        } catch (MalformedLogException e) {
            return Optional.empty();
        }
    }
}
