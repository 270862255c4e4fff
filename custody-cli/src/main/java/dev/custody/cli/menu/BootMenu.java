package dev.custody.cli.menu;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.ActionListBox;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.gui2.dialogs.ActionListDialog;
import com.googlecode.lanterna.gui2.dialogs.ActionListDialogBuilder;
import com.googlecode.lanterna.gui2.dialogs.MessageDialog;
import com.googlecode.lanterna.gui2.dialogs.MessageDialogButton;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.boot.manifest.Change;
import dev.custody.boot.manifest.SignResult;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.policy.BootMode;
import dev.custody.common.Secret;
import dev.custody.machine.boot.MenuModel;
import dev.custody.common.TerminalText;
import dev.custody.machine.recovery.Challenge;
import dev.custody.machine.recovery.RecoveryAuth;
import dev.custody.machine.recovery.RecoveryGate.Proof;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The boot menu, modelled on Heads' gui-init: a status line, the main choices, and an options
 * menu. Keyboard only (arrows, Enter, Esc), sized for an 80x25 console.
 */
final class BootMenu {
    /** HOTP needs a USB security key; the menu does not drive one yet (custody hotp does). */
    private static final String HOTP_STATUS = "HOTP: see custody hotp";

    private final MenuModel model;
    private final MultiWindowTextGUI gui;
    private final BasicWindow main = new BasicWindow("Custody boot menu");
    private final Label otp = new Label("");
    private final Label status = new Label("");
    private Outcome outcome = new Outcome.Exit();

    private BootMenu(MenuModel model, Screen screen) {
        this.model = model;
        this.gui = new MultiWindowTextGUI(screen, new DefaultWindowManager(), new EmptySpace(TextColor.ANSI.BLUE));
    }

    static Outcome show(MenuModel model, Screen screen) {
        BootMenu menu = new BootMenu(model, screen);
        menu.build();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "totp-refresh");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> menu.gui.getGUIThread().invokeLater(menu::showOtp), 1, 1, TimeUnit.SECONDS);
        try {
            menu.gui.addWindowAndWait(menu.main);
        } finally {
            ticker.shutdownNow();
        }
        return menu.outcome;
    }

    private void build() {
        main.setHints(List.of(Window.Hint.CENTERED));
        Panel panel = new Panel(new LinearLayout(Direction.VERTICAL));
        panel.addComponent(otp);
        panel.addComponent(status);
        panel.addComponent(new EmptySpace());
        ActionListBox actions = new ActionListBox();
        actions.addItem("Default boot", () -> attempt(this::defaultBoot));
        actions.addItem("Refresh TOTP/HOTP", () -> {
            model.refreshOtp();
            refresh();
        });
        actions.addItem("Options -->", this::options);
        actions.addItem("System info", () -> attempt(this::systemInfo));
        actions.addItem("Power off / Exit", main::close);
        panel.addComponent(actions);
        panel.addComponent(new EmptySpace());
        panel.addComponent(new Label("Arrows move, Enter chooses, Esc goes back."));
        main.setComponent(panel);
        refresh();
    }

    private void showOtp() {
        otp.setText(Text.shorten(model.totpStatus(), 50) + "   " + HOTP_STATUS);
    }

    private void refresh() {
        showOtp();
        String bootStatus;
        try {
            Verification verification = model.verify();
            bootStatus = verification.ok() ? "/boot: verified" + verification.defaultEntry()
                    .map(line -> ", default '" + Text.shorten(line.substring(0, line.indexOf('|')), 40) + "'").orElse("")
                    : "/boot: NOT VERIFIED (" + verification.problemCount() + ")";
        } catch (RuntimeException e) {
            bootStatus = "/boot: NOT VERIFIED (" + Text.shorten(message(e), 50) + ")";
        }
        String mode = model.policy().restricted() ? "\nRestricted mode: no forced boot, no recovery" : "";
        String failed = model.failedRecoveryAttempts().map(text -> "\nWARNING: " + Text.shorten(text, 70)).orElse("");
        status.setText(bootStatus + mode + failed);
    }

    private void defaultBoot() {
        Optional<BootEntry> entry = model.defaultEntry();
        if (entry.isEmpty()) {
            message("Default boot", "No default boot entry is saved. Choose one in Options --> Set default boot entry.");
            return;
        }
        boot(entry.get());
    }

    /** Boots only a verified /boot; otherwise shows every problem and offers the forced boot where allowed. */
    private void boot(BootEntry entry) {
        Verification verification = model.verify();
        if (verification.ok()) {
            finish(new Outcome.Boot("# /boot verified. Entry: " + entry.name(), model.planVerified(entry, verification)));
            return;
        }
        List<String> problems = verification.findings().stream().map(f -> f.file() + ": " + f.reason()).toList();
        String text = "/boot did not verify:\n" + Text.firstLines(problems, 10);
        if (model.policy().restricted()) {
            message("ERROR: /boot not verified", text + "\n\nRestricted mode: it cannot be booted.");
            return;
        }
        MessageDialogButton choice = MessageDialog.showMessageDialog(gui, "ERROR: /boot not verified",
                Text.wrap(text + "\n\nBoot anyway? This is UNSAFE: it extends PCR 4, so the TOTP will not verify."),
                MessageDialogButton.No, MessageDialogButton.Yes);
        if (choice == MessageDialogButton.Yes) {
            Optional<Proof> proof = askProof("Forced boot");
            if (proof.isEmpty()) {
                return;
            }
            BootMode forced = model.force(problems.size() + " verification problems", proof.get());
            finish(new Outcome.Boot("# UNSAFE FORCED BOOT of unverified files; PCR 4 extended. Entry: " + entry.name(),
                    model.plan(entry, forced)));
        }
    }

    private void options() {
        ActionListDialog options = new ActionListDialogBuilder().setTitle("Options").setDescription("Choose an option")
                .setCanCancel(true)
                .addAction("Boot options", () -> attempt(this::bootOptions))
                .addAction("Update checksums and sign /boot", () -> attempt(() -> sign(OptionalInt.empty())))
                .addAction("Set default boot entry", () -> attempt(this::setDefault))
                .addAction("OEM factory reset / re-ownership", () -> message("OEM factory reset",
                        "Not available yet: it comes with the ownership workflow (custody-ownership)."))
                .addAction("TPM reset", () -> attempt(this::resetTpm))
                .addAction("Flash/update firmware", () -> message("Flash firmware",
                        "Not available yet: flashing comes with custody-firmware."))
                .addAction("Change configuration", this::showConfiguration)
                .addAction("Recovery shell", () -> attempt(this::recovery))
                .build();
        closesOnEscape(options);
        options.showDialog(gui);
    }

    private void bootOptions() {
        chooseEntry("Boot options", "Choose the entry to boot").ifPresent(i -> boot(model.entries().get(i).entry()));
    }

    private void setDefault() {
        chooseEntry("Set default boot entry", "Choose the new default; /boot is then signed again")
                .ifPresent(i -> sign(OptionalInt.of(i + 1)));
    }

    private Optional<Integer> chooseEntry(String title, String description) {
        List<FoundEntry> entries = model.entries();
        if (entries.isEmpty()) {
            message(title, "No boot entries found in " + model.boot() + ".");
            return Optional.empty();
        }
        Integer[] chosen = {null};
        ActionListDialogBuilder builder = new ActionListDialogBuilder().setTitle(title).setDescription(description).setCanCancel(true);
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            builder.addAction((i + 1) + ". " + Text.shorten(entries.get(i).entry().name(), 64), () -> chosen[0] = index);
        }
        ActionListDialog dialog = builder.build();
        closesOnEscape(dialog);
        dialog.showDialog(gui);
        return Optional.ofNullable(chosen[0]);
    }

    /** The footer promises that Esc goes back; Lanterna's list dialogs only close with their Cancel button. */
    private static void closesOnEscape(Window dialog) {
        dialog.addWindowListener(new WindowListenerAdapter() {
            @Override
            public void onUnhandledInput(Window window, KeyStroke key, AtomicBoolean handled) {
                if (key.getKeyType() == KeyType.Escape) {
                    window.close();
                    handled.set(true);
                }
            }
        });
    }

    /** Shows what changed first, so the owner knows what they approve. */
    private void sign(OptionalInt defaultIndex) {
        if (!model.canSign()) {
            message("Sign /boot", "No signing key: start the menu with --key KEY.asc or --gpg-home DIR.");
            return;
        }
        List<Change> changes = changesOrEmpty();
        String report = changes.isEmpty() ? "No files changed since the last signature."
                : Text.firstLines(Change.text(changes).lines().toList(), 12);
        if (MessageDialog.showMessageDialog(gui, "Changes since /boot was signed", report + "\n\nSign /boot now?",
                MessageDialogButton.No, MessageDialogButton.Yes) != MessageDialogButton.Yes) {
            return;
        }
        Optional<Secret> passphrase = model.needsPassphrase() ? askPassphrase() : Optional.of(Secret.empty());
        if (passphrase.isEmpty()) {
            return;
        }
        SignResult result;
        try (Secret secret = passphrase.get()) {
            result = model.sign(secret, defaultIndex);
        }
        message("/boot signed", result.filesHashed() + " files hashed and signed."
                + result.rollbackCounter().stream().mapToObj(v -> "\nRollback counter: " + v).findFirst().orElse("")
                + result.defaultEntry().map(line -> "\nDefault: " + line.substring(0, line.indexOf('|'))).orElse(""));
        refresh();
    }

    private List<Change> changesOrEmpty() {
        try {
            return model.changes();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private Optional<Secret> askPassphrase() {
        return PassphraseDialog.ask(gui, "Sign /boot", "Passphrase of the signing key");
    }

    private void resetTpm() {
        if (MessageDialog.showMessageDialog(gui, "TPM reset", Text.wrap("Clearing the TPM erases every key, sealed secret and"
                + " counter in it: TOTP/HOTP and the rollback counter must be set up again. Continue?"),
                MessageDialogButton.No, MessageDialogButton.Yes) == MessageDialogButton.Yes) {
            model.resetTpm();
            message("TPM reset", "The TPM was cleared.");
        }
    }

    private void showConfiguration() {
        message("Configuration (config.user)", model.policy().describe()
                + "\n\nSettings live in the firmware image (heads/initrd/etc/config.user).");
    }

    private void recovery() {
        Optional<Proof> proof = askProof("Recovery shell");
        if (proof.isEmpty()) {
            return;
        }
        model.recovery(proof.get());
        finish(new Outcome.Recovery());
    }

    /** The proof the firmware's settings ask for; empty when the owner cancels. */
    private Optional<Proof> askProof(String title) {
        return switch (model.recoveryAuth()) {
            case RecoveryAuth.None none -> Optional.of(new Proof.Nothing());
            case RecoveryAuth.Passphrase passphrase -> PassphraseDialog.ask(gui, title, "Recovery passphrase")
                    .map(Proof.Passphrase::new);
            case RecoveryAuth.OpenPgp gpg -> {
                Challenge challenge = model.recoveryChallenge();
                message(title, "Sign this line with the owner's key (gpg --clearsign or --detach-sign) within "
                        + Challenge.LIFETIME_MINUTES + " minutes, then give the signature file:\n\n" + challenge.line());
                yield PassphraseDialog.askLine(gui, title, "Signature file").map(BootMenu::signatureFile);
            }
        };
    }

    private static Proof signatureFile(String file) {
        try {
            return new Proof.Signature(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file)));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("cannot read the signature file " + file);
        }
    }

    private void systemInfo() {
        message("System info", model.systemInfo());
    }

    private void finish(Outcome chosen) {
        outcome = chosen;
        gui.getWindows().forEach(Window::close);
    }

    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            message("Error", message(e));
        }
    }

    private void message(String title, String text) {
        MessageDialog.showMessageDialog(gui, title, Text.wrap(text), MessageDialogButton.OK);
    }

    private static String message(Throwable e) {
        String text = e.getMessage();
        return text == null || text.isBlank() ? "internal error (" + e.getClass().getSimpleName() + ")"
                : TerminalText.escape(text.lines().findFirst().orElse(text));
    }
}
