package dev.custody.cli.own;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The interactive OEM factory reset: Heads' questions in Heads' order (oem-factory-reset.sh),
 * Heads' defaults behind every Enter. The answers are then run exactly as an answers file is.
 */
final class ResetWizard {
    static final String TITLE = "OEM Factory Reset / Re-Ownership";
    private static final String WARNING = String.join("\n",
            "This replaces everything that protects this machine:",
            "",
            " 1. Clear the TPM and set a new owner passphrase",
            " 2. Create a new OpenPGP key and put its public key into the firmware",
            " 3. Seal a new TOTP/HOTP secret (scan the new QR code afterwards)",
            " 4. Optionally add a TPM-sealed disk unlock key",
            " 5. Sign /boot with the new key and a new rollback counter",
            "",
            "Secrets sealed in the TPM today are lost for good.");

    private ResetWizard() {}

    /** Thrown when the owner says no; nothing has been changed. */
    static final class Cancelled extends IllegalStateException {
        Cancelled() {
            super("the factory reset was cancelled; nothing was changed");
        }
    }

    static Answers ask(Machine machine) {
        if (System.console() == null) {
            throw new IllegalArgumentException("the wizard needs a terminal; give --answers FILE.json instead");
        }
        try (Terminal terminal = new DefaultTerminalFactory().setForceTextTerminal(true).createTerminal();
             Screen screen = new TerminalScreen(terminal)) {
            screen.startScreen();
            try {
                return Answers.of(questions(new MultiWindowTextGUI(screen), machine));
            } finally {
                screen.stopScreen();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the terminal", e);
        }
    }

    private static ObjectNode questions(WindowBasedTextGUI gui, Machine machine) {
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        if (MessageDialog.showMessageDialog(gui, TITLE, WARNING, MessageDialogButton.Continue, MessageDialogButton.Cancel)
                != MessageDialogButton.Continue) {
            throw new Cancelled();
        }
        boolean defaults = yes(gui, "Use Heads' defaults?\n\nTPM owner passphrase and admin PIN 12345678, user PIN 123456,\n"
                + "an RSA 3072 key with uid \"OEM Key\".\nChoose No to set your own.");
        if (!defaults) {
            answers.put("tpmOwnerPassphrase", passphrase(gui, "TPM owner passphrase", 8));
            answers.put("uid", text(gui, "Key user id", "Name and e-mail for the new key:", Answers.DEFAULT_UID));
            String type = ListSelectDialog.showDialog(gui, TITLE, "Key type:", "rsa3072", "ed25519");
            answers.put("keyType", type == null ? "rsa3072" : type);
            answers.put("keyPassphrase", passphrase(gui, "Key passphrase (also protects its backup)", 8));
            answers.put("totpLabel", text(gui, "TOTP label", "The name your phone will show:", machine.label()));
        }
        if (yes(gui, "Add a disk unlock key?\n\nThe disk then opens with a short passphrase, and only on this\n"
                + "unchanged machine; the recovery passphrase keeps working.")) {
            answers.put("diskUnlockKey", true);
            answers.put("diskUnlockPassphrase", passphrase(gui, "Disk unlock passphrase", 8));
        }
        answers.put("saveSecrets", yes(gui, "Also save the new secrets in a file (mode 0600) under\n"
                + machine.stateDirectory() + "?\n\nThey are shown once on screen either way."));
        return answers;
    }

    private static boolean yes(WindowBasedTextGUI gui, String question) {
        return MessageDialog.showMessageDialog(gui, TITLE, question, MessageDialogButton.Yes, MessageDialogButton.No)
                == MessageDialogButton.Yes;
    }

    private static String text(WindowBasedTextGUI gui, String title, String prompt, String initial) {
        String answer = TextInputDialog.showDialog(gui, title, prompt, initial);
        if (answer == null) {
            throw new Cancelled();
        }
        return answer.strip().isEmpty() ? initial : answer.strip();
    }

    /** Asked twice, as Heads does; too short or different answers are asked again. */
    private static String passphrase(WindowBasedTextGUI gui, String what, int minimum) {
        while (true) {
            String first = TextInputDialog.showPasswordDialog(gui, what, "New passphrase, " + minimum + "-25 characters:", "");
            if (first == null) {
                throw new Cancelled();
            }
            if (first.length() < minimum || first.length() > 25) {
                MessageDialog.showMessageDialog(gui, what, "It must be " + minimum + "-25 characters long.",
                        MessageDialogButton.OK);
                continue;
            }
            String again = TextInputDialog.showPasswordDialog(gui, what, "Type it again:", "");
            if (again == null) {
                throw new Cancelled();
            }
            if (first.equals(again)) {
                return first;
            }
            MessageDialog.showMessageDialog(gui, what, "The two did not match; try again.", MessageDialogButton.OK);
        }
    }
}
