package dev.custody.cli.own;

import dev.custody.machine.Machine;
import dev.custody.ownership.reset.Answers;

/** The interactive OEM factory reset: Heads' questions and defaults, in a terminal UI. */
final class ResetWizard {
    private ResetWizard() {}

    static Answers ask(Machine machine) {
        throw new IllegalStateException("the interactive wizard is not written yet; give --answers FILE.json");
    }
}
