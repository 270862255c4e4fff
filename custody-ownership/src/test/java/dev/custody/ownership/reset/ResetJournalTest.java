package dev.custody.ownership.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.Secret;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal a stopped reset resumes from: read back whole, or refused at once naming the file and the field. */
class ResetJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @TempDir
    Path directory;
    private OwnershipFiles files;
    private Path file;

    @BeforeEach
    void startReset() {
        files = new OwnershipFiles(directory);
        file = ResetJournal.fileOf(files);
        try (Answers answers = Answers.defaults();
             OwnerSecrets secrets = new OwnerSecrets().with(OwnerSecrets.TOTP_SECRET, Secret.copyOf(TOTP.getBytes()))) {
            ResetJournal.start(files, answers, secrets).markDone(ResetJournal.Step.TPM, Map.of("ownerFingerprint", "ab12"));
        }
    }

    @Test
    void aJournalReadsBackWhatItRecorded() {
        ResetJournal journal = ResetJournal.find(files).orElseThrow();

        assertThat(journal.isDone(ResetJournal.Step.TPM)).isTrue();
        assertThat(journal.isDone(ResetJournal.Step.OWNER_KEY)).isFalse();
        assertThat(journal.fact("ownerFingerprint")).contains("ab12");
        try (OwnerSecrets secrets = journal.secrets(); Answers answers = journal.answers()) {
            assertThat(secrets.get(OwnerSecrets.TOTP_SECRET).orElseThrow().bytes()).isEqualTo(TOTP.getBytes());
            assertThat(answers.uid()).isEqualTo(Answers.DEFAULT_UID);
        }
    }

    @Test
    void answersAnAnswersFileWouldRefuseAreRefusedWhenTheJournalIsRead() throws IOException {
        edit(root -> ((ObjectNode) root.get("answers")).put("userPin", "123"));

        assertRefused("answers: userPin: must be 6-25 characters (Heads' limits), not 3");
    }

    @Test
    void missingAnswersAreRefusedWhenTheJournalIsRead() throws IOException {
        edit(root -> root.remove("answers"));

        assertRefused("answers: missing, or not a JSON object");
    }

    @Test
    void anUnknownStepIsRefusedInCustodysWords() throws IOException {
        edit(root -> root.putArray("done").add("TPM").add("BOGUS"));

        assertRefused("done: \"BOGUS\" is not a step ([TPM, OWNER_KEY, FIRMWARE, TOTP, DISK, BOOT, REFERENCE])");
    }

    @Test
    void aStartThatIsNotATimeIsRefusedInCustodysWords() throws IOException {
        edit(root -> root.put("started", "yesterday"));

        assertRefused("started: must be a time such as 2026-12-06T21:00:00Z");
    }

    @Test
    void aSecretThatIsNotAStringIsRefusedNamingTheSecret() throws IOException {
        edit(root -> ((ObjectNode) root.get("secrets")).put(OwnerSecrets.TOTP_SECRET, 7));

        assertRefused("secrets: owner secret 'totpSecret' is not a string");
    }

    private void edit(Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(root);
        Files.write(file, JSON.writeValueAsBytes(root));
    }

    private void assertRefused(String problem) {
        assertThatThrownBy(() -> ResetJournal.find(files))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage(file + ": not a reset journal Custody can read (" + problem + "); the machine may be half "
                        + "reset: move the file away and run own reset again from the start");
    }
}
