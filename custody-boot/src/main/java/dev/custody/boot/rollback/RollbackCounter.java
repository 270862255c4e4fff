package dev.custody.boot.rollback;

/** The TPM monotonic counter behind kexec_rollback.txt, as signing uses it. */
public interface RollbackCounter extends CounterReader {
    long increment(int nvIndex);

    /** Defines a new counter at a free index and returns the index. */
    int create();

    /** The kexec_rollback.txt record for this counter at {@code value}, in the form Heads writes for this TPM. */
    default RollbackRecord record(String counterId, long value) {
        return RollbackRecord.of(counterId, value);
    }
}
