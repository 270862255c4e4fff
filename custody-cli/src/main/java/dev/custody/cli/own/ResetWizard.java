package dev.custody.cli.own;

import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.gui2.dialogs.ListSelectDialog;
import com.googlecode.lanterna.gui2.dialogs.MessageDialog;
import com.googlecode.lanterna.gui2.dialogs.MessageDialogButton;
import com.googlecode.lanterna.gui2.dialogs.TextInputDialog;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.custody.machine.Machine;
import dev.custody.ownership.reset.Answers;
import dev.custody.ownership.reset.ResetQuestions;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The interactive OEM factory reset: {@link ResetQuestions} asked in Lanterna's dialogs on the terminal. */
final class ResetWizard {
    static final String TITLE = ResetQuestions.TITLE;

    private ResetWizard() {}

    static Answers ask(Machine machine) {
        if (System.console() == null) {
            throw new IllegalArgumentException("the wizard needs a terminal; give --answers FILE.json instead");
        }
        try (Terminal terminal = new DefaultTerminalFactory().setForceTextTerminal(true).createTerminal();
             Screen screen = new TerminalScreen(terminal)) {
            screen.startScreen();
            try {
                return ResetQuestions.ask(new Dialogs(new MultiWindowTextGUI(screen)), machine);
            } finally {
                screen.stopScreen();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the terminal", e);
        }
    }

    private record Dialogs(WindowBasedTextGUI gui) implements ResetQuestions.Dialogs {
        @Override
        public boolean proceed(String title, String warning) {
            return MessageDialog.showMessageDialog(gui, title, warning, MessageDialogButton.Continue, MessageDialogButton.Cancel)
                    == MessageDialogButton.Continue;
        }

        @Override
        public boolean yes(String title, String question) {
            return MessageDialog.showMessageDialog(gui, title, question, MessageDialogButton.Yes, MessageDialogButton.No)
                    == MessageDialogButton.Yes;
        }

        @Override
        public String text(String title, String prompt, String initial) {
            return TextInputDialog.showDialog(gui, title, prompt, initial);
        }

        @Override
        public String choice(String title, String prompt, String... options) {
            return ListSelectDialog.showDialog(gui, title, prompt, options);
        }

        @Override
        public String passphrase(String title, String prompt) {
            return TextInputDialog.showPasswordDialog(gui, title, prompt, "");
        }

        @Override
        public void tell(String title, String message) {
            MessageDialog.showMessageDialog(gui, title, message, MessageDialogButton.OK);
        }
    }
}
