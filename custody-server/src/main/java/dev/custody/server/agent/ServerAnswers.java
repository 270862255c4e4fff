package dev.custody.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.StrictJson;
import dev.custody.common.TerminalText;
import dev.custody.server.Verdict;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.ProtectedCredential;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The fleet server's answers as the agent reads them, strictly. The server's certificate is
 * pinned, but a compromised server still gets a one-line refusal naming what is wrong, never a
 * half-read answer (an empty nonce, PCR 0 for a number it garbled, a verdict without a state).
 */
final class ServerAnswers {
    /** Enrolment ids go into a URL path, so only this form is taken. */
    private static final Pattern ENROLMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Hex, 16 to 64 bytes: a quote's qualifying data holds at most a digest's worth. */
    private static final Pattern NONCE = Pattern.compile("([0-9a-f]{2}){16,64}");
    private static final Set<String> STATES = new TreeSet<>(Set.of(Verdict.TRUSTED, Verdict.CHANGED, Verdict.UNKNOWN,
            Verdict.SILENT, Verdict.REFUSED));

    private ServerAnswers() {}

    /** What the TPM must recover to prove it holds the EK and the AK, and where to send it. */
    record EnrolmentChallenge(String id, ProtectedCredential credential) {}

    /** The PCRs to quote and the fresh nonce to quote them over. */
    record QuoteRequest(byte[] nonce, List<Integer> pcrs) {}

    static EnrolmentChallenge enrolmentChallenge(JsonNode answer) {
        return read("the enrolment", answer, members -> new EnrolmentChallenge(matching(members.text("id"), ENROLMENT_ID, "id"),
                new ProtectedCredential(members.base64("integrityHmac"), members.base64("encryptedIdentity"),
                        members.base64("encryptedSeed"))));
    }

    static QuoteRequest quoteRequest(JsonNode answer) {
        return read("the nonce request", answer, members -> new QuoteRequest(
                HexFormat.of().parseHex(matching(members.text("nonce"), NONCE, "nonce")), pcrs(members.node().get("pcrs"))));
    }

    static Verdict verdict(JsonNode answer) {
        return read("the attestation", answer, members -> new Verdict(oneOf(members.text("state"), STATES, "state"),
                texts(members.node().get("reasons"), "reasons")));
    }

    /** {@code reader} applied to the answer's members; its refusal becomes one line naming {@code what} was asked. */
    static <T> T read(String what, JsonNode answer, Function<StrictJson.Members, T> reader) {
        try {
            return reader.apply(object(answer, "it"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the server's answer to " + what + " is not understood: "
                    + TerminalText.escape(e.getMessage()));
        }
    }

    /** {@code node}'s members; {@code what} names it in the refusal ("it", "an entry of 'machines'"). */
    static StrictJson.Members object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return new StrictJson.Members(node);
    }

    static FleetAdmin.ReferenceSet referenceSet(JsonNode answer) {
        return read("the reference", answer, members -> {
            JsonNode pcrs = members.node().get("pcrs");
            if (pcrs == null || !pcrs.isObject() || pcrs.isEmpty()) {
                throw new IllegalArgumentException("the member 'pcrs' is not a map of PCR numbers to values");
            }
            List<String> numbers = new ArrayList<>();
            pcrs.properties().forEach(entry -> numbers.add(entry.getKey()));
            return new FleetAdmin.ReferenceSet(members.text("description"), numbers);
        });
    }

    private static String oneOf(String text, Set<String> allowed, String name) {
        if (!allowed.contains(text)) {
            throw new IllegalArgumentException("the member '" + name + "' is not one of " + String.join(", ", allowed));
        }
        return text;
    }

    private static String matching(String text, Pattern form, String name) {
        if (!form.matcher(text).matches()) {
            throw new IllegalArgumentException("the member '" + name + "' is not of the form " + form.pattern());
        }
        return text;
    }

    private static List<Integer> pcrs(JsonNode list) {
        String refusal = "the member 'pcrs' is not a list of PCR numbers (0-" + PcrPolicy.HIGHEST_PCR + ")";
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(refusal);
        }
        List<Integer> pcrs = new ArrayList<>();
        for (JsonNode pcr : list) {
            if (!pcr.isInt() || pcr.intValue() < 0 || pcr.intValue() > PcrPolicy.HIGHEST_PCR) {
                throw new IllegalArgumentException(refusal);
            }
            pcrs.add(pcr.intValue());
        }
        return pcrs;
    }

    static List<String> texts(JsonNode list, String name) {
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("the member '" + name + "' is not a list");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("the member '" + name + "' holds something other than text");
            }
            texts.add(item.textValue());
        }
        return texts;
    }
}
