package dev.custody.server.agent;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import java.io.IOException;
import java.util.List;

/**
 * The fleet server's answers as the agent reads them: a compromised server's (its certificate is
 * pinned, so only it can answer). Each answer is read by every reader.
 */
class ServerAnswersFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> ANSWERS = HostileJson.templates(ServerAnswersFuzzTest.class,
            "answers/enrolment.json", "answers/nonce.json", "answers/verdict.json", "answers/machines.json",
            "answers/reference.json");

    /** The server's own answers with hostile members. */
    @FuzzTest
    void editedAnswers(FuzzedDataProvider data) {
        byte[] answer = HostileJson.from(ANSWERS, data);
        JsonNode node;
        try {
            node = JSON.readTree(answer);
        } catch (IOException e) {
            return; // ServerClient refuses an answer that is not JSON before any reader sees it
        }
        read(() -> ServerAnswers.enrolmentChallenge(node));
        read(() -> ServerAnswers.quoteRequest(node));
        read(() -> ServerAnswers.verdict(node));
        read(() -> FleetStatus.of(node).lines());
        read(() -> ServerAnswers.referenceSet(node));
    }

    private static void read(Runnable reader) {
        try {
            reader.run();
        } catch (IllegalStateException refused) {
            if (refused.getClass() != IllegalStateException.class || !refused.getMessage().startsWith("the server's answer")) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
