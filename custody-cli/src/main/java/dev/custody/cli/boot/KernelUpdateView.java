package dev.custody.cli.boot;

import dev.custody.machine.KernelUpdate;

/** The exit code of a predictive reseal, for 'boot reseal' and 'lab install-kernel' (the text is {@code KernelUpdate.Outcome.text}). */
public final class KernelUpdateView {
    /** Not a failure of the command: the owner reseals after the reboot, as Heads always does. */
    public static final int RESEAL_AFTER_REBOOT = 3;

    private KernelUpdateView() {}

    public static int exitCode(KernelUpdate.Outcome outcome) {
        return outcome.resealAfterReboot() ? RESEAL_AFTER_REBOOT : 0;
    }
}
