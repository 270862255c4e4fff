package dev.custody.machine;

import dev.custody.attest.OtpUri;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PolicyMismatchException;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import java.nio.charset.StandardCharsets;
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

    /** A new secret sealed to the PCRs' current values; the owner's saved secrets follow it. */
    public Secret enroll(List<Integer> pcrs) {
        Secret secret = secret().enroll(pcrs, tpm.readPcrs(PcrBank.SHA256, pcrs));
        sealingLog().remember(machine.measurementLog());
        try (Secret base32 = Secret.adopt(OtpUri.base32(secret.bytes()).getBytes(StandardCharsets.US_ASCII))) {
            SavedSecrets.of(machine).replace(SavedSecrets.TOTP_SECRET, base32);
        }
        return secret;
    }

    /** The same secret, sealed to PCR values a firmware update is predicted to produce. */
    public void reseal(Secret secret, List<Integer> pcrs, Map<Integer, byte[]> predicted, Optional<byte[]> predictedLog) {
        secret().reseal(secret, pcrs, predicted);
        sealingLog().remember(predictedLog);
    }

    /** Unseals, or fails with one line naming the PCRs and the first measurements that changed. */
    public Secret unseal() {
        try {
            return secret().unseal();
        } catch (PolicyMismatchException refusal) {
            String explanation = sealingLog().explain(refusal);
            throw new TpmException(explanation.replace("\n", "; "));
        }
    }

    private SealingLog sealingLog() {
        return SealingLog.of(machine, SEALED_LOG);
    }
}
