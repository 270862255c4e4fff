package dev.custody.ownership.reset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.ownership.FuzzRefusals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The answers file of {@code own reset --answers}. */
class AnswersFuzzTest {
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("custody-fuzz-answers", ".json");
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.delete(file);
    }

    @FuzzTest
    void answers(byte[] data) throws IOException {
        Files.write(file, data);
        try {
            Answers.read(file);
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, file.toString());
        }
    }
}
