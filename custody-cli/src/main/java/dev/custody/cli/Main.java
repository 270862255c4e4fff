package dev.custody.cli;

import java.io.PrintWriter;
import java.util.OptionalInt;

/** Entry point of the {@code custody} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        // A success returns instead: System.exit logs through System.Logger, whose first use looks
        // for a LoggerFinder in every jar on the class path, and opening the boot jar's index of
        // 9,000 entries costs a boot-time command ~35 ms. Returning waits for non-daemon threads,
        // so it is taken only when none is left.
        if (code != 0 || otherThreadsKeepTheJvmAlive()) {
            System.exit(code);
        }
    }

    /** A plain loop: a lambda here would be linked at run time, outside the start-up cache's training. */
    private static boolean otherThreadsKeepTheJvmAlive() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread != Thread.currentThread() && !thread.isDaemon() && thread.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** Runs one command line and returns its exit code; tests call this directly. */
    public static int run(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // picocli's model of even the bare top-level command costs more than the rest of a start-up.
            System.out.println(String.join(System.lineSeparator(), new CustodyVersion().getVersion()));
            return 0;
        }
        try {
            OptionalInt direct = DirectRun.run(args);
            return direct.isPresent() ? direct.getAsInt() : PicocliRun.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to UserFacingErrors; running out of heap is the machine's
            // limit (a small heap, large photos), not a bug, and worth one line like any other failure
            return UserFacingErrors.report(e, new PrintWriter(System.err, true));
        }
    }
}
