package dev.custody.server.agent;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import java.util.List;

/** The machine's fleet enrolment file, which the agent reads before every push. */
class EnrolmentFuzzTest {
    private static final List<JsonNode> ENROLMENTS = HostileJson.templates(EnrolmentFuzzTest.class, "enrolment/enrolment.json");

    @FuzzTest
    void enrolment(byte[] data) {
        read(data);
    }

    /** An enrolment as the agent writes it, with hostile members. */
    @FuzzTest
    void editedEnrolments(FuzzedDataProvider data) {
        read(HostileJson.from(ENROLMENTS, data));
    }

    private static void read(byte[] json) {
        try {
            Enrolment.parse(json);
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
