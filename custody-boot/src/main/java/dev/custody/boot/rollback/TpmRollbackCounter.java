package dev.custody.boot.rollback;

import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
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
    public long read(int nvIndex) {
        return tpm.readCounter(nvIndex);
    }

    @Override
    public long increment(int nvIndex) {
        return tpm.incrementCounter(nvIndex);
    }

    @Override
    public int create() {
        int index = 0x01000000 | RANDOM.nextInt(0x1000000);
        tpm.defineCounter(index, ownerAuth);
        tpm.incrementCounter(index);
        return index;
    }
}
