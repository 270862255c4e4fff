package dev.custody.tpm.transport;

/** A TPM whose power we control: only software TPMs, where a power cycle stands in for a reboot. */
public interface PowerControl {
    /**
     * Orderly shutdown, power off and on, then TPM2_Startup(CLEAR): PCRs return to their reset
     * values while NV, persistent objects and counters stay, as on a real reboot.
     */
    void powerCycle();
}
