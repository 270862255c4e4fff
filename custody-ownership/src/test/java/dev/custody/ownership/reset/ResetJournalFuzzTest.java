package dev.custody.ownership.reset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.ownership.OwnershipFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal {@code own reset --resume} reads (reset-journal.json): damaged by a full disk, an
 * editor, or anyone who can write the machine's state folder. A journal that is read must also
 * give its answers and secrets; the only acceptable refusal names the file, on one line.
 */
class ResetJournalFuzzTest {
    @TempDir
    static Path directory;

    @FuzzTest
    void journals(byte[] data) throws IOException {
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
            if (refused.getClass() != IllegalStateException.class || !message.startsWith(file + ": ") || message.contains("\n")) {
                throw refused;
            }
        }
    }
}
