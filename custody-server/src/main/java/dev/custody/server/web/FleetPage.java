package dev.custody.server.web;

import dev.custody.server.Fleet;
import dev.custody.server.store.HistoryEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The one page for people: the fleet by state, and a machine's history with its explanations. */
final class FleetPage {
    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em;max-width:70em}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}
            .trusted{color:#060}.changed{color:#b00;font-weight:bold}.unknown{color:#666}.silent{color:#a60}.refused{color:#b00}
            ul{margin:0;padding-left:1.2em}""";

    private FleetPage() {}

    static String signIn(boolean failed) {
        return page("Sign in", (failed ? "<p id=\"error\" class=\"changed\">That token is not the admin token.</p>" : "")
                + "<form method=\"post\" action=\"/login\"><label>Admin token <input id=\"token\" name=\"token\" "
                + "type=\"password\" autocomplete=\"off\"></label> <button id=\"sign-in\" type=\"submit\">Sign in</button></form>");
    }

    static String fleet(List<Fleet.Status> machines) {
        StringBuilder rows = new StringBuilder();
        for (Fleet.Status status : machines) {
            rows.append("<tr class=\"machine\" data-name=\"").append(escape(status.name())).append("\" data-state=\"")
                    .append(status.state()).append("\"><td><a href=\"/machines/")
                    .append(URLEncoder.encode(status.name(), StandardCharsets.UTF_8)).append("\">").append(escape(status.name()))
                    .append("</a></td><td class=\"state ").append(status.state()).append("\">").append(status.state())
                    .append("</td><td>").append(reasons(status.reasons())).append("</td><td>")
                    .append(status.lastSeen().map(t -> Instant.ofEpochMilli(t).toString()).orElse("never"))
                    .append("</td></tr>");
        }
        String counts = String.join(", ", List.of("trusted", "changed", "unknown", "silent").stream()
                .map(state -> machines.stream().filter(m -> m.state().equals(state)).count() + " " + state).toList());
        return page("Fleet", "<p id=\"summary\">" + machines.size() + " machines: " + counts + "</p>"
                + "<table id=\"fleet\"><tr><th>Machine</th><th>State</th><th>Why</th><th>Last report</th></tr>" + rows
                + "</table>");
    }

    static String machine(Fleet.Detail detail) {
        StringBuilder rows = new StringBuilder();
        for (HistoryEntry entry : detail.history()) {
            rows.append("<tr class=\"report\"><td>").append(Instant.ofEpochMilli(entry.receivedAt())).append("</td><td class=\"")
                    .append(entry.state()).append("\">").append(entry.state()).append("</td><td>")
                    .append(reasons(entry.reasons())).append("</td></tr>");
        }
        String reference = detail.reference().map(r -> "Reference: " + escape(r.description()) + ", PCRs "
                + r.pcrs().keySet()).orElse("No reference: this machine cannot be trusted until an admin sets one.");
        var status = detail.status();
        return page(status.name(), "<p><a href=\"/\">Fleet</a></p><p id=\"state\" class=\"" + status.state() + "\">"
                + status.state() + "</p>" + reasons(status.reasons()) + "<p id=\"reference\">" + reference + "</p>"
                + "<h2>History</h2><table id=\"history\"><tr><th>Received</th><th>State</th><th>Why</th></tr>" + rows + "</table>");
    }

    private static String reasons(List<String> reasons) {
        StringBuilder list = new StringBuilder("<ul>");
        reasons.forEach(r -> list.append("<li>").append(escape(r)).append("</li>"));
        return list.append("</ul>").toString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Custody: " + escape(title)
                + "</title><style>" + STYLE + "</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
