package dev.custody.ownership.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.machine.HostMachine;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetQuestionsTest {
    @TempDir
    Path dir;

    /** Answers from a script, in the order asked; records what the wizard told the owner. */
    private static final class Scripted implements ResetQuestions.Dialogs {
        final Deque<Object> script;
        final List<String> told = new ArrayList<>();

        Scripted(Object... answers) {
            script = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public boolean proceed(String title, String warning) {
            return (Boolean) script.pop();
        }

        @Override
        public boolean yes(String title, String question) {
            return (Boolean) script.pop();
        }

        @Override
        public String text(String title, String prompt, String initial) {
            return (String) script.pop();
        }

        @Override
        public String choice(String title, String prompt, String... options) {
            return (String) script.pop();
        }

        @Override
        public String passphrase(String title, String prompt) {
            return (String) script.pop();
        }

        @Override
        public void tell(String title, String message) {
            told.add(message);
        }
    }

    private HostMachine machine() {
        return new HostMachine(new TpmSpec.Device(Path.of("/dev/tpmrm0")), dir, dir);
    }

    @Test
    void cancellingTheWarningChangesNothing() {
        assertThatThrownBy(() -> ResetQuestions.ask(new Scripted(false), machine()))
                .isInstanceOf(ResetQuestions.Cancelled.class)
                .hasMessage("the factory reset was cancelled; nothing was changed");
    }

    @Test
    void aPassphraseIsAskedAgainWhenTooShortOrNotTheSameTwice() {
        Scripted dialogs = new Scripted(true, false,
                "short", "owner-pass-1", "owner-pass-2", "owner-pass-1", "owner-pass-1",
                "  Jane <jane@example.org>  ", "ed25519", "key-passphrase", "key-passphrase", "", false, false);
        try (Answers answers = ResetQuestions.ask(dialogs, machine())) {
            assertThat(answers.toJson().path("tpmOwnerPassphrase").asText()).isEqualTo("owner-pass-1");
            assertThat(answers.toJson().path("uid").asText()).isEqualTo("Jane <jane@example.org>");
            assertThat(answers.toJson().path("keyType").asText()).isEqualTo("ed25519");
            assertThat(answers.toJson().path("totpLabel").asText()).isEqualTo(machine().label());
        }
        assertThat(dialogs.told).containsExactly("It must be 8-25 characters long.", "The two did not match; try again.");
        assertThat(dialogs.script).isEmpty();
    }
}
