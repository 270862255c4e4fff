package dev.custody.cli.own;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.LabFolders;
import dev.custody.cli.menu.Tmux;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interactive factory reset, driven by keystrokes in a real terminal (tmux). */
class ResetWizardTmuxTest extends LabFolders {
    private Tmux wizard() {
        assertThat(CliRun.of("lab", "create", lab.toString()).exitCode()).isZero();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.custody.cli.Main", "own", "reset",
                "--machine", lab.toString());
        String quoted = String.join(" ", command.stream().map(w -> "'" + w + "'").toList());
        return new Tmux(quoted + "; echo wizard-exit-$?; sleep 600");
    }

    @Test
    void headsDefaultsNeedOnlyEnterAndShowTheSecretsOnce() {
        try (Tmux tmux = wizard()) {
            tmux.waitFor(ResetWizard.TITLE);
            tmux.keys("Enter");
            tmux.waitFor("Use Heads' defaults?");
            tmux.keys("Enter");
            tmux.waitFor("Add a disk unlock key?");
            tmux.keys("Right", "Enter");
            tmux.waitFor("Also save the new secrets");
            tmux.keys("Right", "Enter");
            String screen = tmux.waitFor("wizard-exit-");
            assertThat(screen).contains("wizard-exit-0").contains("tpmOwnerPassphrase       12345678");
        }
        assertThat(lab.resolve("boot/kexec.sig")).exists();
    }

    @Test
    void mismatchedPassphrasesAreAskedAgainAndCancelChangesNothing() {
        try (Tmux tmux = wizard()) {
            tmux.waitFor(ResetWizard.TITLE);
            tmux.keys("Enter");
            tmux.waitFor("Use Heads' defaults?");
            tmux.keys("Right", "Enter");
            tmux.waitFor("New passphrase, 8-25 characters");
            tmux.type("first passphrase");
            tmux.keys("Enter", "Enter");
            tmux.waitFor("Type it again");
            tmux.type("other passphrase");
            tmux.keys("Enter", "Enter");
            tmux.waitFor("did not match");
            tmux.keys("Enter");
            tmux.waitFor("New passphrase, 8-25 characters");
            tmux.keys("Tab", "Tab", "Enter");
            String screen = tmux.waitFor("wizard-exit-");
            assertThat(screen).contains("cancelled; nothing was changed").contains("wizard-exit-1");
        }
        assertThat(lab.resolve("boot/kexec.sig")).doesNotExist();
    }
}
