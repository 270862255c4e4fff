package dev.custody.machine;

import dev.custody.attest.OtpUri;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.disk.LuksHeaders;
import dev.custody.common.Secret;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PolicyMismatchException;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    /**
     * A new secret sealed to the PCRs' current values, but PCR 6 as the boot step will leave it
     * where that step measures the LUKS headers before it shows the code, and PCR 4 without this
     * boot's boot-mode extend; the owner's saved secrets follow it.
     */
    public Secret enroll(List<Integer> pcrs) {
        PcrBank bank = tpm.sealingBank();
        Map<Integer, byte[]> values = new TreeMap<>(tpm.readPcrs(bank, pcrs));
        values.computeIfPresent(DiskUnlock.BOOT_MODE_PCR, (pcr, now) -> DiskUnlock.bootModePcrAtUnseal(machine, bank, now));
        if (pcrs.contains(LuksHeaders.PCR)) {
            DiskUnlock.headersAtBoot(machine).ifPresent(headers ->
                    values.put(LuksHeaders.PCR, DiskUnlock.headerPcrAtBoot(machine, bank, headers)));
        }
        Secret secret = secret().enroll(pcrs, values);
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

    /** The next HOTP code from the unsealed secret (see {@link #unseal(List)}); the TPM's counter goes up first. */
    public SealedOtpSecret.HotpCode nextHotp(List<Integer> pcrs) {
        try (Secret unsealed = unseal(pcrs)) {
            return secret().nextHotp(unsealed);
        }
    }

    /** Unseals, or fails with one line naming the PCRs and the first measurements that changed. */
    public Secret unseal() {
        return unseal(List.of());
    }

    /** As {@link #unseal()}, with the PCRs the secret is sealed to when Custody has no record of them. */
    public Secret unseal(List<Integer> pcrs) {
        if (!secret().isSealed()) {
            throw new TpmException("no TOTP/HOTP secret is sealed in this TPM yet: seal one with 'custody totp seal"
                    + machine.commandLineSelector() + "', or run 'custody own reset'");
        }
        secret().record().ifPresent(record -> DiskUnlock.measureHeadersForTotp(machine, tpm, record));
        try {
            return secret().unseal(pcrs);
        } catch (PolicyMismatchException refusal) {
            if (nothingMeasured(refusal.policy().pcrs())) {
                throw new TpmException("no TOTP/HOTP code: " + machine.nothingMeasuredReason());
            }
            String explanation = sealingLog().explain(refusal);
            throw new TpmException(explanation.replace("\n", "; "));
        }
    }

    /** Every sealed PCR still at its power-on value: the machine has not booted, nothing changed. */
    private boolean nothingMeasured(List<Integer> pcrs) {
        PcrBank bank = tpm.sealingBank();
        return tpm.readPcrs(bank, pcrs).entrySet().stream()
                .allMatch(pcr -> java.util.Arrays.equals(pcr.getValue(), bank.resetValue()));
    }

    private SealingLog sealingLog() {
        return SealingLog.of(machine, SEALED_LOG);
    }
}
