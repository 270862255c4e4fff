package dev.custody.ownership.reset;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The answers file of {@code own reset --answers}. */
class AnswersFuzzTest {
    @TempDir
    static Path directory;

    private static final List<JsonNode> TEMPLATES = HostileJson.templates(AnswersFuzzTest.class,
            "AnswersFuzzTestInputs/answers/every-question.json");

    @FuzzTest
    void answers(byte[] data) throws IOException {
        FuzzRefusals.readAsFile(directory.resolve("answers.json"), data, Answers::read);
    }

    /** A complete answers file with a few hostile members, as a hand-edited one can be. */
    @FuzzTest
    void editedAnswers(FuzzedDataProvider data) throws IOException {
        answers(HostileJson.from(TEMPLATES, data));
    }
}
