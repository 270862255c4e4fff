package dev.custody.cli.server;

import dev.custody.cli.Main;
import dev.custody.server.ServerDirectory;
import dev.custody.server.ServerRuntime;
import java.nio.file.Path;
import java.time.Duration;
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
    @Parameters(paramLabel = "DIR", description = "The server folder 'server init' made.") Path directory;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8443", description = "The HTTPS port (default: ${DEFAULT-VALUE}).") int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "A PostgreSQL database, e.g. jdbc:postgresql://db:5432/custody?user=custody&password=...")
    String database;

    @Option(names = "--daemon", description = "Run in the background; return once the server answers (log in DIR/server.log).") boolean daemon;

    @Override
    public Integer call() {
        ServerDirectory server = ServerDirectory.existing(directory);
        Optional<String> db = Optional.ofNullable(database).or(() -> ServerRuntime.databaseFromEnvironment(System.getenv()));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be 1-65535");
        }
        if (daemon) {
            List<String> foreground = ServerRuntime.foregroundCommand(Main.class.getName(), server.directory(), host, port);
            long pid = ServerRuntime.launchDaemon(server, foreground, db, port, Duration.ofSeconds(90));
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
}
