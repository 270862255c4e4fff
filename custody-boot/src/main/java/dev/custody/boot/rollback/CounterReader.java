package dev.custody.boot.rollback;

/** Reads the TPM counter behind kexec_rollback.txt; all that verification needs. */
public interface CounterReader {
    long read(int nvIndex);
}
