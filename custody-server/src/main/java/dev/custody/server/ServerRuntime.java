package dev.custody.server;

import dev.custody.common.AtomicFiles;
import dev.custody.server.agent.ServerClient;
import dev.custody.server.store.Database;
import dev.custody.server.store.FleetStore;
import dev.custody.server.web.FleetServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** A running server: database, fleet and HTTPS listener together, and its pid file while it runs. */
public final class ServerRuntime implements AutoCloseable {
    /** The daemon gets the database URL (which may hold a password) through its environment, not its command line. */
    public static final String DATABASE_ENVIRONMENT = "CUSTODY_SERVER_DB";

    private final ServerDirectory directory;
    private final Database database;
    private final FleetServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ServerRuntime(ServerDirectory directory, Database database, FleetServer server) {
        this.directory = directory;
        this.database = database;
        this.server = server;
    }

    public static ServerRuntime start(ServerDirectory directory, String host, int port, Optional<String> databaseUrl) {
        Database database = Database.open(databaseUrl.orElse(directory.h2Url()));
        char[] password = directory.keyStorePasswordChars();
        try {
            Fleet fleet = new Fleet(new FleetStore(database), Clock.systemUTC());
            FleetServer server = FleetServer.start(fleet, directory.adminTokenSha256(),
                    new FleetServer.Tls(directory.loadKeyStore(), password), host, port);
            ServerRuntime runtime = new ServerRuntime(directory, database, server);
            AtomicFiles.writeString(directory.pidFile(), ProcessHandle.current().pid() + "\n");
            return runtime;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public int port() {
        return server.port();
    }

    /** Blocks until the process is asked to stop (SIGTERM, Ctrl-C), then shuts down cleanly. */
    public void runUntilStopped() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } finally {
            database.close();
            try {
                Files.deleteIfExists(directory.pidFile());
            } catch (IOException e) {
                // A stale pid file is checked against the live process before it is believed.
            }
        }
    }
    /**
     * {@code server start} without --daemon, in a new JVM of this one's java and class path, with
     * {@code mainClass} as the entry point; the database URL travels in the environment, not here.
     */
    public static List<String> foregroundCommand(String mainClass, Path serverDirectory, String host, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of("server", "start", serverDirectory.toString(), "--port", Integer.toString(port), "--host", host));
        return command;
    }


    /**
     * Starts {@code command} (the same server, in the foreground) as a detached process logging
     * to server.log, and returns once it answers over HTTPS with the pinned certificate.
     */
    public static long launchDaemon(ServerDirectory directory, List<String> command, Optional<String> databaseUrl,
                                    int port, Duration timeout) {
        running(directory).ifPresent(pid -> {
            throw new IllegalStateException("a server from " + directory.directory() + " is already running (pid " + pid + ")");
        });
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        databaseUrl.ifPresent(url -> builder.environment().put(DATABASE_ENVIRONMENT, url));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server process", e);
        }
        String fingerprint = TlsIdentity.fingerprint(directory.loadKeyStore());
        ServerClient client = new ServerClient("https://127.0.0.1:" + port, fingerprint, Optional.empty());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped at start (exit " + process.exitValue() + "): "
                        + lastLine(directory));
            }
            try {
                client.get("/api/v1/health");
                if (running(directory).isPresent()) {
                    return process.pid();
                }
            } catch (RuntimeException notYet) {
                // Still starting.
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not answer within " + timeout.toSeconds() + " s; see " + directory.logFile());
    }

    /** Stops the server started from this folder; false when none was running. */
    public static boolean stop(ServerDirectory directory, Duration timeout) {
        Optional<ProcessHandle> process = running(directory).flatMap(ProcessHandle::of);
        if (process.isEmpty()) {
            return false;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.get().destroyForcibly();
        }
        try {
            Files.deleteIfExists(directory.pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory.pidFile(), e);
        }
        return true;
    }

    /** The pid in server.pid, if that process is alive and is a Java process. */
    public static Optional<Long> running(ServerDirectory directory) {
        try {
            if (!Files.isRegularFile(directory.pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(directory.pidFile(), StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true)).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String lastLine(ServerDirectory directory) {
        try {
            List<String> lines = Files.readAllLines(directory.logFile());
            return lines.isEmpty() ? "(no output)" : lines.getLast();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** For callers that need the environment variable's value. */
    public static Optional<String> databaseFromEnvironment(Map<String, String> environment) {
        return Optional.ofNullable(environment.get(DATABASE_ENVIRONMENT)).filter(s -> !s.isBlank());
    }
}
