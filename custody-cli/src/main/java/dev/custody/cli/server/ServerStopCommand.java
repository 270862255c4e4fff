package dev.custody.cli.server;

import dev.custody.cli.JsonOutput;
import dev.custody.server.ServerDirectory;
import dev.custody.server.ServerRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the server started from DIR with --daemon.")
public final class ServerStopCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The server folder.") Path directory;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        boolean stopped = ServerRuntime.stop(ServerDirectory.existing(directory), Duration.ofSeconds(30));
        json.print(JsonOutput.object("directory", directory.toString(), "stopped", stopped),
                stopped ? "Server stopped." : "No server was running from " + directory + ".");
        return 0;
    }
}
