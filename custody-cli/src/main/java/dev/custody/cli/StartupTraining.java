package dev.custody.cli;

import dev.custody.machine.lab.StartupWorkload;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload bin/custody records the ahead-of-time caches from (JDK 25+, -XX:AOTCacheOutput).
 * {@code prepare DIR} makes a throw-away lab machine with a signed /boot, a sealed TOTP and disk
 * key, in a JVM of its own (making it needs more memory than a boot-time command has, and its
 * classes do not belong in the cache). {@code boot-time DIR GROUP}, a recorded run, started with
 * the very JVM flags of a boot-time command (bin/common.sh), runs the commands of one cache group
 * (or {@code all} of them, for the general cache) against it, so that the classes they need are
 * loaded, linked and profiled before the first boot. {@code stop DIR} stops the lab machine.
 *
 * <p>Exits non-zero when a command failed, so that a training that silently skipped a command is
 * noticed (the launcher then keeps no cache rather than a partial one).
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        boolean bootTime = args.length == 3 && args[0].equals("boot-time") && StartupWorkload.GROUPS.contains(args[2]);
        if (!bootTime && (args.length != 2 || !List.of("prepare", "stop").contains(args[0]))) {
            System.err.println("usage: StartupTraining prepare|stop DIR, or StartupTraining boot-time DIR "
                    + String.join("|", StartupWorkload.GROUPS));
            System.exit(2);
        }
        StartupWorkload workload = new StartupWorkload(Path.of(args[1]), Main::run, new ArrayList<>());
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            switch (args[0]) {
                case "prepare" -> workload.prepare();
                case "stop" -> workload.stop();
                default -> workload.bootTime(args[2]);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        if (!workload.failed().isEmpty()) {
            err.println("custody: start-up training: these commands failed: " + String.join("; ", workload.failed()));
            System.exit(1);
        }
    }
}
