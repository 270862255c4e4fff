package dev.custody.server.web;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.server.Fleet;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.Quote;
import dev.custody.tpm.QuoteVerifier;
import java.util.function.Consumer;

/**
 * Every request body the server reads, as an agent or an attacker could send it: the JSON, each
 * field, and the attestation key and quote decoded from it. The only acceptable failures are
 * the refusals that become a 400 or 422 answer.
 */
class RequestBodyFuzzTest {
    @FuzzTest
    void requests(byte[] data) {
        RequestBody body;
        try {
            body = RequestBody.parse(data);
        } catch (Fleet.Refusal refused) {
            return;
        }
        refusedOrRead(body, b -> b.text("name"));
        refusedOrRead(body, b -> b.integer("intervalSeconds", 900));
        refusedOrRead(body, b -> b.optionalBytes("ekCertificate"));
        refusedOrRead(body, b -> b.pcrs("pcrs"));
        refusedOrRead(body, b -> {
            RequestBody quote = b.object("quote");
            AttestationKey key = new AttestationKey(b.bytes("akPublic"), new byte[0]);
            Quote signed = new Quote(quote.bytes("attest"), quote.bytes("signature"));
            try {
                QuoteVerifier.forKey(key).open(signed);
            } catch (QuoteVerifier.QuoteException refused) {
                // answered 422
            }
        });
    }

    private static void refusedOrRead(RequestBody body, Consumer<RequestBody> read) {
        try {
            read.accept(body);
        } catch (Fleet.Refusal refused) {
            // answered 400
        }
    }
}
