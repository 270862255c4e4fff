package dev.custody.server.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.HostileJson;
import dev.custody.server.Fleet;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.CredentialProtection;
import dev.custody.tpm.QuoteVerifier;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every request body the server reads, as an agent or an attacker could send it: the JSON, each
 * request built from it as the handlers build it, and the quote checked against the key sent.
 * The only acceptable failures are the refusals that become a 400 or 422 answer, each with a
 * one-line message that quotes no control character (the admin's and the agent's terminals print
 * it). Anything else is a 500, a finding.
 */
class RequestBodyFuzzTest {
    /** One valid body per endpoint; the keys and quote are a swtpm's EK and a software AK's. */
    private static final List<JsonNode> REQUESTS = HostileJson.templates(RequestBodyFuzzTest.class,
            "requests/enrolment.json", "requests/credential.json", "requests/nonce.json", "requests/attestation.json",
            "requests/reference-handoff.json", "requests/reference-log.json", "requests/reference-machine.json");
    private static final Set<Integer> ANSWERED = Set.of(400, 422);

    /** Raw bytes: mostly the JSON parser's refusals. */
    @FuzzTest
    void requests(byte[] data) {
        readEveryRequest(data);
    }

    /** Valid requests with hostile members: what gets past the parser to each field's checks. */
    @FuzzTest
    void editedRequests(FuzzedDataProvider data) {
        readEveryRequest(HostileJson.from(REQUESTS, data));
    }

    private static void readEveryRequest(byte[] request) {
        RequestBody body;
        try {
            body = RequestBody.parse(request);
        } catch (Fleet.Refusal refused) {
            requireAnswered(refused.status(), refused);
            return;
        }
        refusedOrRead(body, Requests::enrolment);
        refusedOrRead(body, Requests::handoffReference);
        refusedOrRead(body, Requests::description);
        refusedOrRead(body, b -> b.bytes("credential"));
        refusedOrRead(body, b -> CredentialProtection.objectName(b.bytes("akPublic")));
        refusedOrRead(body, b -> b.text("machine"));
        refusedOrRead(body, b -> {
            var quote = Requests.quote(b);
            var key = new AttestationKey(b.bytes("akPublic"), new byte[0]);
            try {
                QuoteVerifier.forKey(key).open(quote);
            } catch (QuoteVerifier.QuoteException refused) {
                requireAnswered(422, refused);
            }
        });
    }

    private static void refusedOrRead(RequestBody body, Consumer<RequestBody> read) {
        try {
            read.accept(body);
        } catch (Fleet.Refusal refused) {
            requireAnswered(refused.status(), refused);
        } catch (IllegalArgumentException refused) {
            // FleetServer answers a plain IllegalArgumentException (the key checks') with 400
            if (refused.getClass() != IllegalArgumentException.class) {
                throw refused;
            }
            requireAnswered(400, refused);
        }
    }

    private static void requireAnswered(int status, RuntimeException refusal) {
        String message = refusal.getMessage();
        if (!ANSWERED.contains(status) || message == null || message.isBlank()
                || message.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalStateException("answered " + status + " with " + message, refusal);
        }
    }
}
