package dev.custody.cli.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL cluster for one test class: {@code initdb} and {@code pg_ctl} from Debian's
 * package, run as the unprivileged user {@code nobody} on a free loopback port; stopped and
 * deleted on close.
 */
final class ThrowawayPostgres implements AutoCloseable {
    private final Path directory;
    private final Path bin;
    private final int port;

    private ThrowawayPostgres(Path directory, Path bin, int port) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
    }

    static ThrowawayPostgres start() throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.sorted(Comparator.reverseOrder()).map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql)"));
        }
        Path directory = Files.createTempDirectory("custody-postgres-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        run(List.of("chown", "nobody", directory.toString()));
        Path data = directory.resolve("data");
        asNobody(bin.resolve("initdb"), "-D", data.toString(), "-A", "trust", "-U", "custody", "--no-sync");
        asNobody(bin.resolve("pg_ctl"), "-D", data.toString(), "-l", directory.resolve("postgres.log").toString(), "-w",
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        return new ThrowawayPostgres(directory, bin, port);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=custody";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asNobody(bin.resolve("pg_ctl"), "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } finally {
            run(List.of("rm", "-rf", directory.toString()));
        }
    }

    private static void asNobody(Path program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", program.toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(Path.of("/tmp").toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed: " + output));
        }
    }
}
