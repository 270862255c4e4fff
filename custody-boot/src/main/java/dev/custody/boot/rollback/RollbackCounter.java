package dev.custody.boot.rollback;

/** The TPM monotonic counter behind kexec_rollback.txt, as signing uses it. */
public interface RollbackCounter extends CounterReader {
    long increment(int nvIndex);

    /** Defines a new counter at a free index and returns the index. */
    int create();
}
