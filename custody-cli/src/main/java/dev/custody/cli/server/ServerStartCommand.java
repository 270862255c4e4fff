package dev.custody.cli.server;

import dev.custody.server.ServerDirectory;
import dev.custody.server.ServerRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Run the server from DIR over HTTPS. Without --db it uses the folder's H2 database;",
            "with a PostgreSQL URL, several servers can share one database and serve the same fleet.",
            "Database migrations run at start either way. Stop it with Ctrl-C or 'custody server stop DIR'."})
public final class ServerStartCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The server folder 'server init' made.")
    Path directory;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8443", description = "The HTTPS port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "A PostgreSQL database, e.g. jdbc:postgresql://db:5432/custody?user=custody&password=...")
    String database;

    @Option(names = "--daemon", description = "Run in the background; return once the server answers (log in DIR/server.log).")
    boolean daemon;

    @Override
    public Integer call() {
        ServerDirectory server = ServerDirectory.existing(directory);
        Optional<String> db = Optional.ofNullable(database).or(() -> ServerRuntime.databaseFromEnvironment(System.getenv()));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be 1-65535");
        }
        if (daemon) {
            long pid = ServerRuntime.launchDaemon(server, foregroundCommand(server.directory()), db, port, Duration.ofSeconds(90));
            System.out.printf("Server running on https://%s:%d (pid %d); stop it with 'custody server stop %s'%n",
                    host, port, pid, directory);
            return 0;
        }
        ServerRuntime running = ServerRuntime.start(server, host, port, db);
        System.out.printf("Server listening on https://%s:%d%n", host, running.port());
        System.out.flush();
        running.runUntilStopped();
        return 0;
    }

    /** This same command without --daemon, in a new JVM; the database URL travels in the environment. */
    private List<String> foregroundCommand(Path serverDirectory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.custody.cli.Main");
        command.addAll(List.of("server", "start", serverDirectory.toString(), "--port", Integer.toString(port), "--host", host));
        return command;
    }
}
