package dev.custody.cli.server;

import dev.custody.cli.JsonOutput;
import dev.custody.server.agent.FleetAdmin;
import dev.custody.server.agent.FleetStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every enrolled machine's state: trusted, changed, unknown (no reference yet) or silent",
            "(no report for longer than its interval), with the reasons."})
public final class ServerStatusCommand implements Callable<Integer> {
    @Mixin ServerConnection connection;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        FleetStatus status = new FleetAdmin(connection.server, connection.fingerprint, connection.token()).fleetStatus();
        json.print(status.toJson(), String.join(System.lineSeparator(), status.lines()));
        return 0;
    }
}
