package dev.custody.cli.server;

import dev.custody.cli.JsonOutput;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.cli.Json;
import dev.custody.server.agent.FleetAdmin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every enrolled machine's state: trusted, changed, unknown (no reference yet) or silent",
            "(no report for longer than its interval), with the reasons."})
public final class ServerStatusCommand implements Callable<Integer> {
    @Mixin
    ServerConnection connection;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        JsonNode status = new FleetAdmin(connection.server, connection.fingerprint, connection.token()).status();
        List<Map<String, Object>> machines = new ArrayList<>();
        for (JsonNode machine : status.path("machines")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", machine.path("name").asText());
            row.put("state", machine.path("state").asText());
            List<String> reasons = new ArrayList<>();
            machine.path("reasons").forEach(r -> reasons.add(r.asText()));
            row.put("reasons", reasons);
            row.put("lastSeen", machine.path("lastSeen").isTextual() ? machine.path("lastSeen").asText() : null);
            machines.add(row);
        }
        if (json.requested()) {
            System.out.println(Json.write(Map.of("machines", machines)));
            return 0;
        }
        if (machines.isEmpty()) {
            System.out.println("No machines are enrolled.");
        }
        for (Map<String, Object> machine : machines) {
            System.out.printf("%-24s %-8s last report %s%n", machine.get("name"), machine.get("state"),
                    machine.get("lastSeen") == null ? "never" : machine.get("lastSeen"));
            for (Object reason : (List<?>) machine.get("reasons")) {
                System.out.println("    " + reason);
            }
        }
        return 0;
    }
}
