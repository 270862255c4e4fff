package dev.custody.cli.seals;

import dev.custody.seals.Comparison;
import dev.custody.seals.ComparisonStages;
import dev.custody.seals.StageTime;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One line on the terminal (stderr) saying which stage of the comparison runs, rewritten as each
 * stage finishes; nothing when the output is not a terminal, so scripts and JSON stay clean.
 */
final class Progress {
    private Progress() {}

    static Comparison comparing(Function<Consumer<StageTime>, Comparison> comparison) {
        if (System.console() == null) {
            return comparison.apply(stage -> { });
        }
        show(1, ComparisonStages.FIRST);
        try {
            return comparison.apply(done -> ComparisonStages.after(done.stage()).ifPresent(next -> show(next.number(), next.what())));
        } finally {
            System.err.print("\r\033[K");
            System.err.flush();
        }
    }

    private static void show(int step, String what) {
        System.err.print("\r\033[KComparing the photos (" + step + "/" + ComparisonStages.count() + "): " + what + "...");
        System.err.flush();
    }
}
