package dev.custody.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.server.Fleet;
import dev.custody.server.Verdict;
import dev.custody.server.store.HistoryEntry;
import dev.custody.tpm.ProtectedCredential;
import dev.custody.tpm.Quote;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The REST API's handlers: JSON in, one call into the {@link Fleet}, JSON out. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Fleet fleet;

    Api(Fleet fleet) {
        this.fleet = fleet;
    }

    void beginEnrolment(Context ctx) {
        JsonNode body = body(ctx);
        Fleet.Issued issued = fleet.beginEnrolment(new Fleet.EnrolmentRequest(text(body, "name"),
                body.path("intervalSeconds").asInt(900), bytes(body, "ekPublic"), optionalBytes(body, "ekCertificate"),
                bytes(body, "akPublic")));
        ProtectedCredential credential = issued.credential();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", issued.challengeId());
        out.put("integrityHmac", b64(credential.integrityHmac()));
        out.put("encryptedIdentity", b64(credential.encryptedIdentity()));
        out.put("encryptedSeed", b64(credential.encryptedSeed()));
        reply(ctx, 201, out);
    }

    void completeEnrolment(Context ctx) {
        var machine = fleet.completeEnrolment(ctx.pathParam("id"), bytes(body(ctx), "credential"));
        reply(ctx, 201, Map.of("name", machine.name(), "state", machine.state()));
    }

    void nonce(Context ctx) {
        Fleet.Challenged challenged = fleet.nonceFor(bytes(body(ctx), "akPublic"));
        reply(ctx, 200, Map.of("nonce", challenged.nonce(), "pcrs", challenged.pcrs()));
    }

    void attest(Context ctx) {
        JsonNode body = body(ctx);
        JsonNode quote = body.path("quote");
        Verdict verdict = fleet.attest(bytes(body, "akPublic"), new Quote(bytes(quote, "attest"), bytes(quote, "signature")),
                bytes(body, "log"));
        reply(ctx, 200, Map.of("state", verdict.state(), "reasons", verdict.reasons()));
    }

    void machines(Context ctx) {
        List<Map<String, Object>> machines = new ArrayList<>();
        fleet.status().forEach(status -> machines.add(status(status)));
        reply(ctx, 200, Map.of("machines", machines));
    }

    void machine(Context ctx) {
        Fleet.Detail detail = fleet.detail(ctx.pathParam("name"));
        Map<String, Object> out = status(detail.status());
        detail.reference().ifPresentOrElse(r -> out.put("reference", Map.of("source", r.source(), "description",
                r.description(), "pcrs", r.pcrs())), () -> out.put("reference", null));
        List<Map<String, Object>> history = new ArrayList<>();
        for (HistoryEntry entry : detail.history()) {
            history.add(Map.of("at", Instant.ofEpochMilli(entry.receivedAt()).toString(), "state", entry.state(),
                    "reasons", entry.reasons()));
        }
        out.put("history", history);
        reply(ctx, 200, out);
    }

    void setReference(Context ctx) {
        String name = ctx.pathParam("name");
        JsonNode body = body(ctx);
        var reference = switch (text(body, "source")) {
            case "handoff" -> fleet.referenceFromHandoff(name, text(body, "endorsementKeySha256"), pcrs(body.path("pcrs")),
                    text(body, "description"));
            case "log" -> fleet.referenceFromLog(name, bytes(body, "log"), text(body, "description"));
            case "machine" -> fleet.referenceFromMachine(name, text(body, "machine"));
            case "current" -> fleet.approveCurrent(name);
            default -> throw new Fleet.Refusal(400, "the reference source must be handoff, log, machine or current");
        };
        reply(ctx, 200, Map.of("name", name, "source", reference.source(), "description", reference.description(),
                "pcrs", reference.pcrs()));
    }

    static Map<String, Object> status(Fleet.Status status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", status.name());
        out.put("state", status.state());
        out.put("reasons", status.reasons());
        out.put("lastSeen", status.lastSeen().map(t -> Instant.ofEpochMilli(t).toString()).orElse(null));
        out.put("intervalSeconds", status.intervalSeconds());
        return out;
    }

    static void reply(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.bodyAsBytes());
            if (node == null || !node.isObject()) {
                throw new Fleet.Refusal(400, "the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Fleet.Refusal(400, "the request body is not valid JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new Fleet.Refusal(400, "the request lacks the text field '" + field + "'");
        }
        return value.textValue();
    }

    private static byte[] bytes(JsonNode node, String field) {
        try {
            return Base64.getDecoder().decode(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new Fleet.Refusal(400, "the field '" + field + "' is not base64");
        }
    }

    private static Optional<byte[]> optionalBytes(JsonNode node, String field) {
        return node.path(field).isTextual() ? Optional.of(bytes(node, field)) : Optional.empty();
    }

    private static SortedMap<Integer, String> pcrs(JsonNode node) {
        SortedMap<Integer, String> pcrs = new TreeMap<>();
        node.properties().forEach(entry -> {
            try {
                pcrs.put(Integer.parseInt(entry.getKey()), entry.getValue().asText());
            } catch (NumberFormatException e) {
                throw new Fleet.Refusal(400, "the reference names a PCR that is not a number: " + entry.getKey());
            }
        });
        if (pcrs.isEmpty()) {
            throw new Fleet.Refusal(400, "the reference names no PCRs");
        }
        return pcrs;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
