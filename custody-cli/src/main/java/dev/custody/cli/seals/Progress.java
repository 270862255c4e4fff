package dev.custody.cli.seals;

import dev.custody.seals.Comparison;
import dev.custody.seals.ComparisonStages;
import dev.custody.seals.StageTime;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One line on the terminal (stderr) saying which stage of the comparison runs, rewritten as each
 * stage finishes; nothing when the output is not a terminal, so scripts and JSON stay clean.
 */
final class Progress {
    private Progress() {}

    /** Decoding a 12-megapixel photo takes most of a second, before any stage of the comparison. */
    static <T> T reading(String what, Supplier<T> read) {
        if (System.console() == null) {
            return read.get();
        }
        showReading(what);
        try {
            return read.get();
        } finally {
            clear();
        }
    }

    /**
     * Clears the reading line for a prompt and draws it again once answered: an encrypted
     * reference is decrypted and decoded after its passphrase, which takes a while too.
     */
    static <T> T prompting(String reading, Supplier<T> prompt) {
        clear();
        T answer = prompt.get();
        if (System.console() != null) {
            showReading(reading);
        }
        return answer;
    }

    static Comparison comparing(Function<Consumer<StageTime>, Comparison> comparison) {
        if (System.console() == null) {
            return comparison.apply(stage -> { });
        }
        show(1, ComparisonStages.FIRST);
        try {
            return comparison.apply(done -> ComparisonStages.after(done.stage()).ifPresent(next -> show(next.number(), next.what())));
        } finally {
            clear();
        }
    }

    private static void clear() {
        if (System.console() == null) {
            return;
        }
        System.err.print("\r\033[K");
        System.err.flush();
    }

    private static void showReading(String what) {
        System.err.print("\r\033[KReading " + what + "...");
        System.err.flush();
    }

    private static void show(int step, String what) {
        System.err.print("\r\033[KComparing the photos (" + step + "/" + ComparisonStages.count() + "): " + what + "...");
        System.err.flush();
    }
}
