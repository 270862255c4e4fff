package dev.custody.boot.policy;

import dev.custody.boot.kexec.KexecPlanner.KernelParameters;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How this boot proceeds, and what PCR 4 records about it. Heads extends PCR 4 with the SHA-256
 * of a word ({@code tpmr.sh extend -ix 4 -ic WORD}, SHA-256 bank); anything but a clean boot
 * leaves PCR 4 changed, so the TOTP secret sealed to it no longer unseals.
 */
public sealed interface BootMode {
    /** The word extended into PCR 4, if any. */
    String pcr4Event();

    /** /boot verified; Heads extends "generic" right before kexec. */
    record Verified() implements BootMode {
        public String pcr4Event() {
            return "generic";
        }
    }

    /** Booting files that did not verify: only outside restricted mode, always marked. */
    record Forced(String why) implements BootMode {
        public String pcr4Event() {
            return "unsafe-boot";
        }
    }

    /** The recovery shell. */
    record Recovery() implements BootMode {
        public String pcr4Event() {
            return "recovery";
        }
    }

    static BootMode forced(BootPolicy policy, String why) {
        if (policy.restricted()) {
            throw new IllegalStateException("restricted boot (CONFIG_RESTRICTED_BOOT=y): booting unverified files is disabled; " + why);
        }
        return new Forced(why);
    }

    static BootMode recovery(BootPolicy policy) {
        if (policy.restricted()) {
            throw new IllegalStateException("restricted boot (CONFIG_RESTRICTED_BOOT=y): the recovery shell is disabled");
        }
        return new Recovery();
    }

    /**
     * Extends PCR 4 as Heads does, before anything of this mode happens: in the bank the TOTP is
     * sealed to (SHA-256 on a TPM 2.0, SHA-1, the only one, on a TPM 1.2).
     */
    static void measure(BootMode mode, Tpm tpm) {
        PcrBank bank = tpm.sealingBank();
        tpm.extend(4, Map.of(bank, bank.hash(mode.pcr4Event().getBytes(StandardCharsets.US_ASCII))));
    }

    /** Heads paints a forced boot's console red and drops the splash so that it cannot pass unnoticed. */
    static KernelParameters parameters(BootMode mode, BootPolicy policy) {
        KernelParameters board = policy.kernelParameters();
        if (!(mode instanceof Forced)) {
            return board;
        }
        List<String> add = new ArrayList<>(board.add());
        add.add("vt.default_red=" + String.join(",", java.util.Collections.nCopies(16, "0xff")));
        Set<String> remove = new HashSet<>(board.remove());
        remove.addAll(List.of("splash", "quiet", "rhgb"));
        return new KernelParameters(add, remove);
    }
}
