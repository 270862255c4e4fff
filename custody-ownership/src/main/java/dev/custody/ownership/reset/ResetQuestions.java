package dev.custody.ownership.reset;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.machine.Machine;

/**
 * The interactive OEM factory reset's questions: Heads' questions in Heads' order
 * (oem-factory-reset.sh), Heads' defaults behind every Enter. A wizard shows them through its
 * {@link Dialogs}; the answers are then run exactly as an answers file is.
 */
public final class ResetQuestions {
    public static final String TITLE = "OEM Factory Reset / Re-Ownership";
    static final String WARNING = String.join("\n",
            "This replaces everything that protects this machine:",
            "",
            " 1. Clear the TPM and set a new owner passphrase",
            " 2. Create a new OpenPGP key and put its public key into the firmware",
            " 3. Seal a new TOTP/HOTP secret (scan the new QR code afterwards)",
            " 4. Optionally add a TPM-sealed disk unlock key",
            " 5. Sign /boot with the new key and a new rollback counter",
            "",
            "Secrets sealed in the TPM today are lost for good.");
    private static final int LONGEST_PASSPHRASE = 25;

    private ResetQuestions() {}

    /** The dialogs the questions need, all titled; a text or passphrase dialog gives null when the owner cancels. */
    public interface Dialogs {
        /** Continue (true) or Cancel. */
        boolean proceed(String title, String warning);

        boolean yes(String title, String question);

        String text(String title, String prompt, String initial);

        /** One of {@code options}, or null for none. */
        String choice(String title, String prompt, String... options);

        String passphrase(String title, String prompt);

        void tell(String title, String message);
    }

    /** Thrown when the owner says no; nothing has been changed. */
    public static final class Cancelled extends IllegalStateException {
        Cancelled() {
            super("the factory reset was cancelled; nothing was changed");
        }
    }

    public static Answers ask(Dialogs dialogs, Machine machine) {
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        if (!dialogs.proceed(TITLE, WARNING)) {
            throw new Cancelled();
        }
        boolean defaults = dialogs.yes(TITLE, "Use Heads' defaults?\n\nTPM owner passphrase and admin PIN 12345678, user PIN 123456,\n"
                + "an RSA 3072 key with uid \"OEM Key\".\nChoose No to set your own.");
        if (!defaults) {
            answers.put("tpmOwnerPassphrase", passphrase(dialogs, "TPM owner passphrase", 8));
            answers.put("uid", text(dialogs, "Key user id", "Name and e-mail for the new key:", Answers.DEFAULT_UID));
            String type = dialogs.choice(TITLE, "Key type:", "rsa3072", "ed25519");
            answers.put("keyType", type == null ? "rsa3072" : type);
            answers.put("keyPassphrase", passphrase(dialogs, "Key passphrase (also protects its backup)", 8));
            answers.put("totpLabel", text(dialogs, "TOTP label", "The name your phone will show:", machine.label()));
        }
        if (dialogs.yes(TITLE, "Add a disk unlock key?\n\nThe disk then opens with a short passphrase, and only on this\n"
                + "unchanged machine; the recovery passphrase keeps working.")) {
            answers.put("diskUnlockKey", true);
            answers.put("diskUnlockPassphrase", passphrase(dialogs, "Disk unlock passphrase", 8));
        }
        answers.put("saveSecrets", dialogs.yes(TITLE, "Also save the new secrets in a file (mode 0600) under\n"
                + machine.stateDirectory() + "?\n\nThey are shown once on screen either way."));
        return Answers.of(answers);
    }

    private static String text(Dialogs dialogs, String title, String prompt, String initial) {
        String answer = dialogs.text(title, prompt, initial);
        if (answer == null) {
            throw new Cancelled();
        }
        return answer.strip().isEmpty() ? initial : answer.strip();
    }

    /** Asked twice, as Heads does; too short or different answers are asked again. */
    private static String passphrase(Dialogs dialogs, String what, int minimum) {
        while (true) {
            String first = dialogs.passphrase(what, "New passphrase, " + minimum + "-" + LONGEST_PASSPHRASE + " characters:");
            if (first == null) {
                throw new Cancelled();
            }
            if (first.length() < minimum || first.length() > LONGEST_PASSPHRASE) {
                dialogs.tell(what, "It must be " + minimum + "-" + LONGEST_PASSPHRASE + " characters long.");
                continue;
            }
            String again = dialogs.passphrase(what, "Type it again:");
            if (again == null) {
                throw new Cancelled();
            }
            if (first.equals(again)) {
                return first;
            }
            dialogs.tell(what, "The two did not match; try again.");
        }
    }
}
