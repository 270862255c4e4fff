package dev.custody.ownership.reset;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.HostileJson;
import dev.custody.ownership.OwnershipFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal {@code own reset --resume} reads (reset-journal.json): damaged by a full disk, an
 * editor, or anyone who can write the machine's state folder. A journal that is read must also
 * give its answers and secrets; the only acceptable refusal names the file, on one line.
 */
class ResetJournalFuzzTest {
    @TempDir
    static Path directory;

    private static final List<JsonNode> TEMPLATES = HostileJson.templates(ResetJournalFuzzTest.class,
            "ResetJournalFuzzTestInputs/journals/started-with-disk-key.json",
            "ResetJournalFuzzTestInputs/journals/stopped-after-owner-key.json");

    @FuzzTest
    void journals(byte[] data) throws IOException {
        read(data);
    }

    /** Valid journals with a few hostile members: what an editor or a half-written file leaves. */
    @FuzzTest
    void editedJournals(FuzzedDataProvider data) throws IOException {
        read(HostileJson.from(TEMPLATES, data));
    }

    private static void read(byte[] data) throws IOException {
        OwnershipFiles files = new OwnershipFiles(directory);
        Path file = ResetJournal.fileOf(files);
        Files.write(file, data);
        try {
            ResetJournal.find(files).ifPresent(journal -> {
                journal.answers().close();
                journal.secrets().close();
                journal.describe();
            });
        } catch (IllegalStateException refused) {
            String message = refused.getMessage();
            if (refused.getClass() != IllegalStateException.class || !message.startsWith(file + ": ")
                    || message.chars().anyMatch(Character::isISOControl)) {
                throw refused;
            }
        }
    }
}
