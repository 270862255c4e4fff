package dev.custody.boot.rollback;

/** The TPM monotonic counter behind kexec_rollback.txt. */
public interface RollbackCounter {
    long read(int nvIndex);

    long increment(int nvIndex);

    /** Defines a new counter at a free index and returns the index. */
    int create();
}
