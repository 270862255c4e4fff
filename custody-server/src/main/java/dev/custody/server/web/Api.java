package dev.custody.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.server.Fleet;
import dev.custody.server.Verdict;
import dev.custody.server.store.HistoryEntry;
import dev.custody.tpm.ProtectedCredential;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The REST API's handlers: JSON in, one call into the {@link Fleet}, JSON out. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Fleet fleet;

    Api(Fleet fleet) {
        this.fleet = fleet;
    }

    void beginEnrolment(Context ctx) {
        Fleet.Issued issued = fleet.beginEnrolment(Requests.enrolment(body(ctx)));
        ProtectedCredential credential = issued.credential();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", issued.challengeId());
        out.put("integrityHmac", b64(credential.integrityHmac()));
        out.put("encryptedIdentity", b64(credential.encryptedIdentity()));
        out.put("encryptedSeed", b64(credential.encryptedSeed()));
        reply(ctx, 201, out);
    }

    void completeEnrolment(Context ctx) {
        var machine = fleet.completeEnrolment(ctx.pathParam("id"), body(ctx).bytes("credential"));
        reply(ctx, 201, Map.of("name", machine.name(), "state", machine.state()));
    }

    void nonce(Context ctx) {
        Fleet.Challenged challenged = fleet.nonceFor(body(ctx).bytes("akPublic"));
        reply(ctx, 200, Map.of("nonce", challenged.nonce(), "pcrs", challenged.pcrs()));
    }

    void attest(Context ctx) {
        RequestBody body = body(ctx);
        Verdict verdict = fleet.attest(body.bytes("akPublic"), Requests.quote(body), body.bytes("log"));
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
        RequestBody body = body(ctx);
        var reference = switch (body.text("source")) {
            case "handoff" -> fleet.referenceFromHandoff(name, Requests.handoffReference(body));
            case "log" -> fleet.referenceFromLog(name, body.bytes("log"), Requests.description(body));
            case "machine" -> fleet.referenceFromMachine(name, body.text("machine"));
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

    private static RequestBody body(Context ctx) {
        return RequestBody.parse(ctx.bodyAsBytes());
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
