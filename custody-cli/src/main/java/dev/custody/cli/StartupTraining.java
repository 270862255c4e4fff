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
 * {@code photos DIR}, recorded with the seal comparison's flags, compares drawn seal photos
 * (SealTrainingPhotos): a 12-megapixel comparison spent a tenth of its time loading classes.
 *
 * <p>Exits non-zero when a command failed, so that a training that silently skipped a command is
 * noticed (the launcher then keeps no cache rather than a partial one).
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        boolean bootTime = args.length == 3 && args[0].equals("boot-time") && StartupWorkload.GROUPS.contains(args[2]);
        if (!bootTime && (args.length != 2 || !List.of("prepare", "stop", "photos").contains(args[0]))) {
            System.err.println("usage: StartupTraining prepare|stop|photos DIR, or StartupTraining boot-time DIR "
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
                case "photos" -> comparePhotos(Path.of(args[1]), workload.failed());
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

    /** Any verdict counts: it means the whole comparison ran; only a refused command is a failure. */
    private static void comparePhotos(Path dir, List<String> failed) throws IOException {
        SealTrainingPhotos photos = SealTrainingPhotos.in(dir);
        photos.write();
        List<List<String>> commands = List.of(
                List.of("seals", "compare", "--json", photos.reference().toString(), photos.moved().toString()),
                List.of("seals", "compare", photos.reference().toString(), photos.tampered().toString(),
                        "--report", dir.resolve("seal-report.html").toString()));
        for (List<String> command : commands) {
            int status = Main.run(command.toArray(String[]::new));
            if (status != 0 && status != 3 && status != 4) {
                failed.add(String.join(" ", command) + " (exit " + status + ")");
            }
        }
    }
}
