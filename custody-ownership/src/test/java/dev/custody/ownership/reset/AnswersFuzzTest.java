package dev.custody.ownership.reset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.ownership.FuzzRefusals;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The answers file of {@code own reset --answers}. */
class AnswersFuzzTest {
    @TempDir
    static Path directory;

    @FuzzTest
    void answers(byte[] data) throws IOException {
        FuzzRefusals.readAsFile(directory.resolve("answers.json"), data, Answers::read);
    }
}
