package dev.custody.tpm;

import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sealing as a user sees it: seal to the PCRs' current values and remember them; unseal
 * knowing which PCRs to satisfy; when the TPM refuses, say which PCRs changed.
 */
public final class SealedSecrets {
    private final Tpm tpm;
    private final SealRecords records;

    public SealedSecrets(Tpm tpm, SealRecords records) {
        this.tpm = tpm;
        this.records = records;
    }

    public SealRecord seal(SealRequest request, PersistentSlot slot) {
        return sealTo(request, tpm.readPcrs(tpm.sealingBank(), request.policy().pcrs()), slot);
    }

    /** Seals into the persistent {@code slot}, and says what was sealed. */
    public SealedSecret sealAt(SealRequest request, PersistentSlot slot) {
        SealRecord record = seal(request, slot);
        return new SealedSecret(Optional.of(record.handle()), Optional.empty(), request.data().length(), request.policy());
    }

    /**
     * Seals into a file instead of the TPM: a blob sealed to the PCRs' current SHA-256 values,
     * readable by its owner only.
     */
    public SealedSecret sealToFile(SealRequest request, Path file) {
        SealedBlob blob = tpm.sealToBlob(request, tpm.readPcrs(PcrBank.SHA256, request.policy().pcrs()));
        AtomicFiles.writePrivate(file, blob.toBytes());
        return new SealedSecret(Optional.empty(), Optional.of(file), request.data().length(), request.policy());
    }

    /** Unseals a blob {@link #sealToFile} wrote; a blob has no seal record, so {@code pcrs} must name its PCRs. */
    public Secret unsealFile(Path file, List<Integer> pcrs, Secret auth) {
        if (pcrs.isEmpty()) {
            throw new IllegalArgumentException("unsealing a blob needs --pcrs");
        }
        try {
            SealedBlob blob = SealedBlob.parse(Files.readAllBytes(file));
            return tpm.unseal(blob, new PcrPolicy(pcrs, !auth.isEmpty()), auth);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Seals to given PCR values, e.g. those a firmware update is predicted to produce. */
    public SealRecord sealTo(SealRequest request, Map<Integer, byte[]> values, PersistentSlot slot) {
        SealRecord record = tpm.sealPersistent(request, values, slot);
        records.save(record);
        return record;
    }

    /** Whether the TPM holds an object at {@code handle}. */
    public boolean exists(int handle) {
        return tpm.objectPolicy(handle).isPresent();
    }

    /** Custody's seal record for {@code handle}, if it reproduces the policy of the object there now. */
    public Optional<SealRecord> matchingRecord(int handle) {
        return tpm.objectPolicy(handle).flatMap(policy -> records.find(handle).filter(r -> r.matches(policy)));
    }

    /**
     * Unseals the object at {@code handle}. The PCR list comes from {@code pcrs} when given,
     * otherwise from the seal record, which is believed only if it reproduces the object's policy.
     */
    public Secret unseal(int handle, List<Integer> pcrs, Secret auth) {
        byte[] objectPolicy = tpm.objectPolicy(handle)
                .orElseThrow(() -> new TpmException(String.format("no sealed object at handle 0x%08x", handle)));
        var record = records.find(handle).filter(r -> r.matches(objectPolicy));
        PcrPolicy policy;
        if (pcrs != null && !pcrs.isEmpty()) {
            policy = new PcrPolicy(pcrs, !auth.isEmpty());
        } else if (record.isPresent()) {
            policy = record.get().policy();
        } else {
            throw new TpmException(String.format("Custody has no seal record for 0x%08x that matches the object "
                    + "there; say which PCRs it is sealed to with --pcrs", handle));
        }
        if (policy.withAuthValue() && auth.isEmpty()) {
            // Trying without it would only count as a failed guess toward the TPM's lockout.
            throw new TpmException(String.format("the secret at 0x%08x also needs its passphrase", handle));
        }
        try {
            return tpm.unseal(handle, policy, auth);
        } catch (PolicyMismatchException e) {
            if (record.isPresent() && record.get().policy().equals(policy)) {
                throw e.withChangedPcrs(record.get().changedPcrs(tpm.readPcrs(tpm.sealingBank(), policy.pcrs())));
            }
            throw e;
        }
    }
}
