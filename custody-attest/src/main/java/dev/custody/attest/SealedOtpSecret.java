package dev.custody.attest;

import dev.custody.common.Secret;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.SealedSecrets;
import dev.custody.tpm.Tpm;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TOTP/HOTP secret: 20 random bytes from the TPM, sealed to the firmware's PCRs at Heads'
 * handle, so that only an unchanged machine can compute the codes the owner's phone expects.
 */
public final class SealedOtpSecret {
    /** Heads keeps the TOTP secret at this persistent handle on TPM 2.0 ("MG" for Heads' mgmt). */
    public static final int HANDLE = 0x81004d47;
    /** Where Custody keeps the HOTP counter: TPM NV, so that an attacker cannot roll it back. */
    public static final int HOTP_COUNTER_INDEX = 0x01504d48;
    public static final int SECRET_LENGTH = 20;
    /** Heads' set on coreboot machines: firmware, boot mode (before any extend) and the owner's files. */
    public static final List<Integer> COREBOOT_PCRS = List.of(0, 1, 2, 3, 4, 7);
    /** On UEFI machines: firmware, option ROMs, boot loader and Secure Boot state. */
    public static final List<Integer> UEFI_PCRS = List.of(0, 2, 4, 7);

    private final Tpm tpm;
    private final SealRecords records;
    private final Secret ownerAuth;

    public SealedOtpSecret(Tpm tpm, SealRecords records) {
        this(tpm, records, Secret.empty());
    }

    /** {@code ownerAuth} is needed to store the sealed object and the HOTP counter once the owner set a passphrase. */
    public SealedOtpSecret(Tpm tpm, SealRecords records, Secret ownerAuth) {
        this.tpm = tpm;
        this.records = records;
        this.ownerAuth = ownerAuth;
    }

    /**
     * Creates a new secret and seals it to {@code values}: the PCRs as they are now, or as a
     * firmware update is predicted to leave them. The caller shows the secret once (QR code) and closes it.
     */
    public Secret enroll(List<Integer> pcrs, Map<Integer, byte[]> values) {
        Secret secret = tpm.random(SECRET_LENGTH);
        reseal(secret, pcrs, values);
        return secret;
    }

    /** Seals an existing secret again, to new expected PCR values; the phone keeps working. */
    public SealRecord reseal(Secret secret, List<Integer> pcrs, Map<Integer, byte[]> values) {
        SealRequest request = SealRequest.of(secret, new PcrPolicy(pcrs, false)).withOwnerAuth(ownerAuth);
        return new SealedSecrets(tpm, records).sealTo(request, values, PersistentSlot.replacing(HANDLE));
    }

    /** Whether a secret is sealed at Heads' handle, by Custody or by Heads. */
    public boolean isSealed() {
        return new SealedSecrets(tpm, records).exists(HANDLE);
    }

    /** Unseals, or explains which PCRs changed since sealing. */
    public Secret unseal() {
        return unseal(List.of());
    }

    /**
     * Unseals with the PCRs given; without them, with those of Custody's seal record, and where
     * there is none (Heads' {@code tpmr seal} sealed it) with Heads' set, 0,1,2,3,4,7.
     */
    public Secret unseal(List<Integer> pcrs) {
        SealedSecrets sealed = new SealedSecrets(tpm, records);
        List<Integer> chosen = !pcrs.isEmpty() || sealed.matchingRecord(HANDLE).isPresent() ? pcrs : COREBOOT_PCRS;
        return sealed.unseal(HANDLE, chosen, Secret.empty());
    }

    public Optional<SealRecord> record() {
        return records.find(HANDLE);
    }

    /** The next HOTP code: the counter goes up in TPM NV first, so no code is ever shown twice. */
    public HotpCode nextHotp(Secret secret) {
        if (!tpm.counterExists(HOTP_COUNTER_INDEX)) {
            tpm.defineCounter(HOTP_COUNTER_INDEX, ownerAuth);
        }
        long counter = tpm.incrementCounter(HOTP_COUNTER_INDEX);
        return new HotpCode(OneTimePassword.hotp(secret.bytes(), counter), counter);
    }

    public record HotpCode(String code, long counter) {}
}
