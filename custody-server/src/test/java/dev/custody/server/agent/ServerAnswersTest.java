package dev.custody.server.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import dev.custody.server.Verdict;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A compromised server's answer is refused with what is wrong, never read with made-up values. */
class ServerAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode template(String name) {
        return (ObjectNode) HostileJson.templates(ServerAnswersTest.class, "answers/" + name + ".json").getFirst();
    }

    private static String refusal(Function<JsonNode, ?> reader, JsonNode answer) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> reader.apply(answer));
        FuzzRefusals.requireOneLine(refused);
        assertTrue(refused.getMessage().startsWith("the server's answer to "), refused.getMessage());
        return refused.getMessage();
    }

    @Test
    void theServersOwnAnswersAreRead() {
        assertEquals("0123456789abcdef0123456789abcdef", ServerAnswers.enrolmentChallenge(template("enrolment")).id());
        ServerAnswers.QuoteRequest request = ServerAnswers.quoteRequest(template("nonce"));
        assertEquals(32, request.nonce().length);
        assertEquals(List.of(0, 1, 2, 3, 4, 7), request.pcrs());
        Verdict verdict = ServerAnswers.verdict(template("verdict"));
        assertEquals(Verdict.CHANGED, verdict.state());
        assertEquals(2, verdict.reasons().size());
        assertEquals(List.of("0", "2"), ServerAnswers.referenceSet(template("reference")).pcrs());
    }

    @Test
    void aReferenceAnswerWithoutItsDescriptionOrPcrsIsRefused() {
        ObjectNode noDescription = template("reference");
        noDescription.remove("description");
        assertTrue(refusal(ServerAnswers::referenceSet, noDescription).contains("'description'"));
        ObjectNode noPcrs = template("reference");
        noPcrs.putObject("pcrs");
        assertTrue(refusal(ServerAnswers::referenceSet, noPcrs).contains("'pcrs'"));
    }

    @Test
    void aNonceOrPcrListThatWouldHaveBeenMadeUpIsRefused() {
        ObjectNode noNonce = template("nonce");
        noNonce.remove("nonce");
        assertTrue(refusal(ServerAnswers::quoteRequest, noNonce).contains("'nonce'"));
        assertTrue(refusal(ServerAnswers::quoteRequest, template("nonce").put("nonce", "")).contains("'nonce'"));
        assertTrue(refusal(ServerAnswers::quoteRequest, template("nonce").put("nonce", "abc")).contains("'nonce'"));
        ObjectNode garbled = template("nonce");
        garbled.putArray("pcrs").add("seven");
        assertTrue(refusal(ServerAnswers::quoteRequest, garbled).contains("'pcrs'"));
        garbled.putArray("pcrs").add(24);
        refusal(ServerAnswers::quoteRequest, garbled);
        garbled.putArray("pcrs");
        refusal(ServerAnswers::quoteRequest, garbled);
    }

    @Test
    void anEnrolmentIdThatWouldReachIntoTheUrlIsRefused() {
        assertTrue(refusal(ServerAnswers::enrolmentChallenge, template("enrolment").put("id", "../machines/x?y=1"))
                .contains("'id'"));
        assertTrue(refusal(ServerAnswers::enrolmentChallenge, template("enrolment").put("encryptedSeed", "%%%"))
                .contains("'encryptedSeed'"));
    }

    @Test
    void aVerdictWithoutAKnownStateOrWithOddReasonsIsRefused() {
        assertTrue(refusal(ServerAnswers::verdict, template("verdict").put("state", "TRUSTED\u001b[2J")).contains("'state'"));
        ObjectNode noReasons = template("verdict");
        noReasons.remove("reasons");
        assertTrue(refusal(ServerAnswers::verdict, noReasons).contains("'reasons'"));
        ObjectNode numberReason = template("verdict");
        numberReason.putArray("reasons").add(7);
        refusal(ServerAnswers::verdict, numberReason);
        refusal(ServerAnswers::verdict, JSON.createArrayNode());
    }
}
