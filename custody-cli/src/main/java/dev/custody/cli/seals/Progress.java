package dev.custody.cli.seals;

import dev.custody.seals.Comparison;
import java.util.function.Supplier;

/** A "Comparing..." line on the terminal while the slow part runs; nothing when output is piped. */
final class Progress {
    private Progress() {}

    static Comparison comparing(Supplier<Comparison> comparison) {
        boolean terminal = System.console() != null;
        if (terminal) {
            System.err.print("Comparing the photos (aligning the glitter)...");
            System.err.flush();
        }
        try {
            return comparison.get();
        } finally {
            if (terminal) {
                System.err.print("\r\033[K");
                System.err.flush();
            }
        }
    }
}
