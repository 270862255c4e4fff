package dev.custody.server.agent;

import dev.custody.common.Secret;
import dev.custody.machine.Machine;
import dev.custody.server.Verdict;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Quote;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The machine's side of fleet attestation: enrolment by credential activation, and pushing quotes. */
public final class Agent {
    /** Where TCG's EK Credential Profile keeps the RSA EK certificate. */
    private static final int RSA_EK_CERTIFICATE_INDEX = 0x01c00002;

    private Agent() {}

    /**
     * Sends the EK (and its certificate, when the TPM has one) and a new AK; the TPM then proves
     * it holds both by recovering the server's credential, and the machine remembers the server.
     */
    public static Enrolment enroll(Machine machine, String server, String fingerprint, String token, String name,
                                   int intervalSeconds) {
        ServerClient client = new ServerClient(server, fingerprint, Optional.of(token));
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            byte[] ek = tpm.endorsementKeyPublic(Secret.empty());
            Optional<byte[]> certificate = endorsementKeyCertificate(tpm);
            AttestationKey ak = tpm.createAttestationKey(Secret.empty());
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", name);
            request.put("intervalSeconds", intervalSeconds);
            request.put("ekPublic", b64(ek));
            request.put("ekCertificate", certificate.map(Agent::b64).orElse(null));
            request.put("akPublic", b64(ak.publicArea()));
            ServerAnswers.EnrolmentChallenge challenge = ServerAnswers.enrolmentChallenge(client.post("/api/v1/enrolments", request));
            try (Secret recovered = tpm.activateCredential(ak, challenge.credential(), Secret.empty())) {
                client.post("/api/v1/enrolments/" + challenge.id() + "/activation", Map.of("credential", b64(recovered.bytes())));
            }
            Enrolment enrolment = new Enrolment(server, fingerprint, name, ak);
            enrolment.save(machine);
            return enrolment;
        }
    }

    private static Optional<byte[]> endorsementKeyCertificate(Tpm tpm) {
        if (!tpm.nvIndexExists(RSA_EK_CERTIFICATE_INDEX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(tpm.readNv(RSA_EK_CERTIFICATE_INDEX));
        } catch (TpmException e) {
            // The certificate is optional evidence; the credential activation is the proof.
            return Optional.empty();
        }
    }

    /**
     * Quotes the PCRs the server asks for, over its fresh nonce, and sends the quote with the
     * measurement log. An enrolled machine uses the server and fingerprint it pinned; one that
     * is not enrolled quotes with a throw-away key, which the server must refuse.
     */
    public static Verdict push(Machine machine, Optional<String> server, Optional<String> fingerprint) {
        Optional<Enrolment> enrolment = Enrolment.load(machine);
        String url = server.or(() -> enrolment.map(Enrolment::server)).orElseThrow(() -> new IllegalArgumentException(
                "this machine is not enrolled; enrol it with 'custody attest enroll' or give --server and --fingerprint"));
        String pin = enrolment.map(Enrolment::fingerprint).or(() -> fingerprint).orElseThrow(() ->
                new IllegalArgumentException("this machine is not enrolled, so it has no pinned server certificate; give --fingerprint"));
        byte[] log = machine.measurementLog().orElseThrow(() -> new IllegalStateException(
                "this machine has no measurement log to send (a lab machine writes one at power-on)"));
        ServerClient client = new ServerClient(url, pin, Optional.empty());
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            AttestationKey ak = enrolment.map(Enrolment::attestationKey).orElseGet(() -> tpm.createAttestationKey(Secret.empty()));
            ServerAnswers.QuoteRequest request = ServerAnswers.quoteRequest(
                    client.post("/api/v1/nonces", Map.of("akPublic", b64(ak.publicArea()))));
            Quote quote = tpm.quote(ak, request.nonce(), PcrBank.SHA256, request.pcrs());
            return ServerAnswers.verdict(client.post("/api/v1/attestations", Map.of("akPublic", b64(ak.publicArea()),
                    "quote", Map.of("attest", b64(quote.attest()), "signature", b64(quote.signature())), "log", b64(log))));
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
