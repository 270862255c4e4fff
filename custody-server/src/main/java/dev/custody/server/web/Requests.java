package dev.custody.server.web;

import dev.custody.server.Fleet;
import dev.custody.tpm.Quote;

/**
 * The fleet's requests read from their JSON bodies: what the handlers pass to the {@link Fleet},
 * each value checked as it is made. Apart from the handlers so a fuzz target can build the same.
 */
final class Requests {
    /** Enough for "hand-off bundle ID signed by FINGERPRINT (...)"; the server stores and shows it. */
    static final int DESCRIPTION_LENGTH = 500;

    private Requests() {}

    static Fleet.EnrolmentRequest enrolment(RequestBody body) {
        return new Fleet.EnrolmentRequest(body.text("name"), body.integer("intervalSeconds", 900), body.bytes("ekPublic"),
                body.optionalBytes("ekCertificate"), body.bytes("akPublic"));
    }

    static Fleet.HandoffReference handoffReference(RequestBody body) {
        return new Fleet.HandoffReference(body.text("endorsementKeySha256"), body.pcrs("pcrs"), description(body));
    }

    static String description(RequestBody body) {
        return body.line("description", DESCRIPTION_LENGTH);
    }

    static Quote quote(RequestBody body) {
        RequestBody quote = body.object("quote");
        return new Quote(quote.bytes("attest"), quote.bytes("signature"));
    }
}
