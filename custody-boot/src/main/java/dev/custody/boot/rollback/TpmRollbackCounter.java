package dev.custody.boot.rollback;

import dev.custody.common.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.tpm12.Tpm12;
import java.security.SecureRandom;

/**
 * A rollback counter in a TPM. New counters get a random index 0x01xxxxxx, as Heads picks them,
 * so that an index left behind by an earlier owner is unlikely to collide.
 */
public final class TpmRollbackCounter implements RollbackCounter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tpm tpm;
    private final Secret ownerAuth;

    public TpmRollbackCounter(Tpm tpm, Secret ownerAuth) {
        this.tpm = tpm;
        this.ownerAuth = ownerAuth;
    }

    @Override
    public RollbackRecord record(String counterId, long value) {
        return tpm instanceof Tpm12 ? RollbackRecord.ofTpm12(counterId, value) : RollbackRecord.of(counterId, value);
    }

    @Override
    public long read(int nvIndex) {
        return tpm.readCounter(nvIndex);
    }

    @Override
    public long increment(int nvIndex) {
        return tpm.incrementCounter(nvIndex);
    }

    /** On a TPM 1.2 as Heads' {@code counter_create} does: labelled 0x45221351, numbered by the TPM. */
    @Override
    public int create() {
        if (tpm instanceof Tpm12 tpm12) {
            int id = tpm12.createCounter(RollbackRecord.HEADS_TPM12_LABEL, ownerAuth).id();
            tpm.incrementCounter(id);
            return id;
        }
        int index = 0x01000000 | RANDOM.nextInt(0x1000000);
        tpm.defineCounter(index, ownerAuth);
        tpm.incrementCounter(index);
        return index;
    }
}
