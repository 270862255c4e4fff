package dev.custody.cli.menu;

import dev.custody.boot.kexec.KexecPlan;

/** How the menu ended: the owner left it, chose a boot, or entered recovery. */
sealed interface Outcome {
    record Exit() implements Outcome {}

    /** {@code header} says whether the boot was verified or forced. */
    record Boot(String header, KexecPlan plan) implements Outcome {}

    record Recovery() implements Outcome {}
}
