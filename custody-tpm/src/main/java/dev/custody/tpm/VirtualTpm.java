package dev.custody.tpm;

import dev.custody.common.AtomicFiles;
import dev.custody.common.JsonMaps;
import dev.custody.tpm.transport.SwtpmControl;
import dev.custody.tpm.transport.SwtpmTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A software TPM that Custody runs itself: swtpm with its state in a folder of ours, on free
 * loopback ports. Its NV (persistent objects, counters, NV indexes) lives in the folder, so it
 * survives restarts the way a real TPM's does; PCRs start from their reset values at every start.
 *
 * <p>It runs either for one command (stopped when that command ends, Ctrl-C included) or as a
 * background daemon between {@code custody tpm vtpm start} and {@code stop}.
 */
public final class VirtualTpm implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    private static final String PORT_FILE = "swtpm.port";
    private static final String PID_FILE = "swtpm.pid";
    private static final String LOG_FILE = "swtpm.log";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int PORT_ATTEMPTS = 5;
    /** Names the TPM family a folder's state was made for ("1.2"); without it the state is TPM 2.0. */
    public static final String FAMILY_FILE = "tpm-family";

    /** A running swtpm serving {@code directory}. */
    public record Status(Path directory, long pid, int port) {
        /** What {@code tpm vtpm start} reports: the process and its two ports. */
        public Map<String, Object> toJson() {
            return JsonMaps.object("directory", directory.toString(), "pid", pid, "port", port, "controlPort", port + 1);
        }

        public String text() {
            return String.format("Virtual TPM for %s runs as process %d on 127.0.0.1:%d (control port %d).%n"
                    + "Use it with --tpm vtpm:%s; stop it with 'custody tpm vtpm stop %s'.",
                    directory, pid, port, port + 1, directory, directory);
        }

        /** What {@code tpm vtpm status} reports for {@code directory}, whose daemon runs as {@code status} or not at all. */
        public static Map<String, Object> toJson(Path directory, Optional<Status> status) {
            return JsonMaps.object("directory", directory.toString(), "running", status.isPresent(),
                    "pid", status.map(Status::pid).orElse(null), "port", status.map(Status::port).orElse(null));
        }

        public static String text(Optional<Status> status) {
            return status.map(s -> String.format("running: process %d on 127.0.0.1:%d", s.pid(), s.port()))
                    .orElse("not running");
        }
    }

    private final Path directory;
    private final int port;
    private final Process process;
    private final Thread shutdownHook;

    private VirtualTpm(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::stopProcess, "custody-vtpm-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The daemon serving {@code directory}, if one is running. */
    public static Optional<Status> status(Path directory) {
        try {
            Path portFile = directory.resolve(PORT_FILE);
            Path pidFile = directory.resolve(PID_FILE);
            if (!Files.exists(portFile) || !Files.exists(pidFile)) {
                return Optional.empty();
            }
            int port = Integer.parseInt(Files.readString(portFile).strip());
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && new SwtpmControl(HOST, port + 1).answers()
                    ? Optional.of(new Status(directory, pid, port)) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts a background swtpm for {@code directory} that outlives this process. */
    public static Status startDaemon(Path directory) {
        Optional<Status> running = status(directory);
        if (running.isPresent()) {
            return running.get();
        }
        prepare(directory);
        for (int attempt = 0; ; attempt++) {
            int port = freePortPair();
            Process launcher = launch(directory, port, true);
            try {
                if (!launcher.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || launcher.exitValue() != 0) {
                    launcher.destroyForcibly();
                    if (attempt + 1 < PORT_ATTEMPTS) {
                        continue;
                    }
                    throw new TpmException("swtpm did not start: " + lastLogLine(directory));
                }
                awaitAnswer(port, launcher, directory);
                AtomicFiles.writeString(directory.resolve(PORT_FILE), port + "\n");
                return status(directory).orElseThrow(() ->
                        new TpmException("swtpm started but does not answer: " + lastLogLine(directory)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TpmException("interrupted while starting swtpm");
            }
        }
    }

    /** Stops the background swtpm for {@code directory}; returns false if none was running. */
    public static boolean stopDaemon(Path directory) {
        Optional<Status> running = status(directory);
        if (running.isEmpty()) {
            return false;
        }
        orderlyShutdown(running.get().port());
        ProcessHandle.of(running.get().pid()).ifPresent(VirtualTpm::awaitExit);
        deleteQuietly(directory.resolve(PORT_FILE));
        deleteQuietly(directory.resolve(PID_FILE));
        return true;
    }

    /** Runs swtpm for the life of this object (or this process, whichever ends first). */
    public static VirtualTpm startForeground(Path directory) {
        if (status(directory).isPresent()) {
            throw new TpmException("a virtual TPM daemon already serves " + directory + "; connect to it instead");
        }
        prepare(directory);
        for (int attempt = 0; ; attempt++) {
            int port = freePortPair();
            Process process = launch(directory, port, false);
            try {
                awaitAnswer(port, process, directory);
                return new VirtualTpm(directory, port, process);
            } catch (TpmException e) {
                process.destroyForcibly();
                if (attempt + 1 >= PORT_ATTEMPTS || lastLogLine(directory).contains("lock")) {
                    throw e;
                }
            }
        }
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    public SwtpmTransport connect() {
        return SwtpmTransport.connect(HOST, port);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it does the same work.
        }
        stopProcess();
    }

    private void stopProcess() {
        if (process.isAlive()) {
            orderlyShutdown(port);
            awaitExit(process.toHandle());
        }
    }

    /**
     * TPM2_Shutdown first, so the TPM records an orderly shutdown, as an OS does before power-off.
     * From a shutdown hook the data port may still be held by this process, so that step is
     * given up after a second; the control port stops swtpm either way.
     */
    private static void orderlyShutdown(int port) {
        try (SwtpmTransport transport = SwtpmTransport.connect(HOST, port, Duration.ofSeconds(1))) {
            transport.transmit(java.util.HexFormat.of().parseHex("80010000000c000001450000"));
        } catch (TpmException ignored) {
            // Already unreachable: nothing to shut down in order.
        }
        try {
            new SwtpmControl(HOST, port + 1).shutdown();
        } catch (TpmException ignored) {
            // The process is stopped below regardless.
        }
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            handle.destroyForcibly();
        }
    }

    private static void prepare(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new TpmException("cannot create the virtual TPM folder " + directory + ": " + e.getMessage());
        }
    }

    /** "1.2" when the folder holds a TPM 1.2 state, else "2.0". */
    public static String family(Path directory) {
        try {
            return Files.readString(directory.resolve(FAMILY_FILE)).strip().equals("1.2") ? "1.2" : "2.0";
        } catch (IOException absent) {
            return "2.0";
        }
    }

    private static Process launch(Path directory, int port, boolean daemon) {
        List<String> command = new java.util.ArrayList<>(List.of("swtpm", "socket"));
        if (family(directory).equals("2.0")) {
            command.add("--tpm2");
        }
        command.addAll(List.of(
                "--tpmstate", "dir=" + directory.toAbsolutePath(),
                "--server", "type=tcp,port=" + port + ",bindaddr=" + HOST,
                "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=" + HOST,
                "--flags", "not-need-init,startup-clear",
                "--log", "file=" + directory.toAbsolutePath().resolve(LOG_FILE) + ",level=1"));
        if (daemon) {
            command.addAll(List.of("--daemon", "--pid", "file=" + directory.toAbsolutePath().resolve(PID_FILE)));
        }
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(LOG_FILE).toFile()))
                    .start();
        } catch (IOException e) {
            throw new TpmException("cannot run swtpm (" + e.getMessage() + "); install it with: apt-get install swtpm");
        }
    }

    private static void awaitAnswer(int port, Process process, Path directory) {
        SwtpmControl control = new SwtpmControl(HOST, port + 1);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (control.answers()) {
                return;
            }
            if (!process.isAlive() && process.exitValue() != 0) {
                throw new TpmException("swtpm exited at start: " + lastLogLine(directory));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TpmException("interrupted while waiting for swtpm");
            }
        }
        throw new TpmException("swtpm did not answer within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** Two adjacent free loopback ports: swtpm's server port and its control port. */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int port = first.getLocalPort();
                if (port >= 65535) {
                    continue;
                }
                try (ServerSocket second = new ServerSocket(port + 1, 1, InetAddress.getByName(HOST))) {
                    return port;
                } catch (IOException taken) {
                    // Try another pair.
                }
            } catch (IOException e) {
                throw new TpmException("cannot find a free loopback port: " + e.getMessage());
            }
        }
        throw new TpmException("cannot find two adjacent free loopback ports");
    }

    private static String lastLogLine(Path directory) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve(LOG_FILE), StandardCharsets.UTF_8);
            return lines.isEmpty() ? "(no log output)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(no log output)";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A stale port or pid file is detected as stale by status().
        }
    }
}
