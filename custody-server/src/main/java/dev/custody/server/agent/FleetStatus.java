package dev.custody.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.StrictJson;
import dev.custody.common.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every enrolled machine's state as the server answers it, as {@code server status} shows it. */
public record FleetStatus(List<Map<String, Object>> machines) {

    /** From the server's answer to {@code GET /api/v1/machines}, read strictly ({@link ServerAnswers}). */
    public static FleetStatus of(JsonNode status) {
        return ServerAnswers.read("the status request", status, answer -> {
            JsonNode list = answer.node().get("machines");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException("the member 'machines' is not a list");
            }
            List<Map<String, Object>> machines = new ArrayList<>();
            for (JsonNode node : list) {
                StrictJson.Members machine = ServerAnswers.object(node, "an entry of 'machines'");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", machine.text("name"));
                row.put("state", machine.text("state"));
                row.put("reasons", ServerAnswers.texts(machine.node().get("reasons"), "reasons"));
                JsonNode lastSeen = machine.node().get("lastSeen");
                if (lastSeen == null || !(lastSeen.isTextual() || lastSeen.isNull())) {
                    throw new IllegalArgumentException("the member 'lastSeen' is neither text nor null");
                }
                row.put("lastSeen", lastSeen.textValue());
                machines.add(row);
            }
            return new FleetStatus(machines);
        });
    }

    public Map<String, Object> toJson() {
        return Map.of("machines", machines);
    }

    /**
     * A line a machine, its reasons indented below it. Reasons quote the machines' own event logs
     * (a CBFS file name, a boot entry), so a compromised machine writes them: each value is
     * escaped, or it could rewrite the admin's terminal.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (machines.isEmpty()) {
            lines.add("No machines are enrolled.");
        }
        for (Map<String, Object> machine : machines) {
            lines.add(TerminalText.format("%-24s %-8s last report %s", machine.get("name"), machine.get("state"),
                    machine.get("lastSeen") == null ? "never" : machine.get("lastSeen")));
            for (Object reason : (List<?>) machine.get("reasons")) {
                lines.add("    " + TerminalText.escape(reason.toString()));
            }
        }
        return lines;
    }
}
