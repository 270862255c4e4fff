package dev.custody.cli.menu;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.custody.boot.policy.BootMode;
import dev.custody.cli.MachineOptions;
import dev.custody.machine.Machine;
import dev.custody.machine.boot.MenuModel;
import dev.custody.machine.recovery.RecoveryGate;
import dev.custody.cli.boot.PolicyOption;
import dev.custody.common.AtomicFiles;
import dev.custody.common.TerminalText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "menu", mixinStandardHelpOptions = true,
        description = {"The boot menu (keyboard only, 80x25), modelled on Heads' gui-init.",
            "Booting writes the kexec plan (to --plan FILE, else standard output after the menu closes)."})
public final class MenuCommand implements Callable<Integer> {
    @Mixin MachineOptions machineOptions;

    @Option(names = "--keyring", paramLabel = "FILE",
            description = "The owner's public keys, to verify /boot (default on a lab machine: the keyring in its firmware).")
    Path keyring;

    @Option(names = "--key", paramLabel = "KEY.asc", description = "Secret key for signing from the menu.") Path key;

    @Option(names = "--gpg-home", paramLabel = "DIR", description = "Sign from the menu with gpg (smartcards).") Path gpgHome;

    @Option(names = "--plan", paramLabel = "FILE", description = "Where to write the kexec plan of the chosen boot.") Path planFile;

    @Mixin PolicyOption policyOption;

    @Override
    public Integer call() {
        Outcome outcome;
        Machine machine = machineOptions.resolve();
        try (MenuModel model = new MenuModel(machine, Optional.ofNullable(keyring).or(machine::firmwareKeyring), Optional.ofNullable(key),
                Optional.ofNullable(gpgHome), policyOption.policy(), RecoveryGate.of(machine, policyOption.file()));
             Terminal terminal = new DefaultTerminalFactory().setForceTextTerminal(true).createTerminal();
             Screen screen = new TerminalScreen(terminal)) {
            screen.startScreen();
            model.refreshOtp();
            outcome = autoBoot(model, screen).orElseGet(() -> BootMenu.show(model, screen));
            screen.stopScreen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the terminal", e);
        }
        return switch (outcome) {
            case Outcome.Exit e -> 0;
            case Outcome.Boot b -> writePlan(b);
            case Outcome.Recovery r -> {
                System.out.println("Recovery: PCR 4 extended with \"recovery\"; the TOTP will not verify until the next clean boot.");
                yield 0;
            }
        };
    }

    /** Only a verified /boot with a saved default boots by itself; anything failing opens the menu instead. */
    private static Optional<Outcome> autoBoot(MenuModel model, Screen screen) {
        try {
            return model.autoBootEntry()
                    .filter(entry -> AutoBoot.countDown(screen, entry.name(), model.policy().autoBootTimeout().getAsInt()))
                    .map(entry -> new Outcome.Boot("# /boot verified (auto-boot). Entry: " + entry.name(),
                            model.plan(entry, new BootMode.Verified())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private int writePlan(Outcome.Boot boot) {
        // Escaped, so an entry name from /boot cannot end the comment line and add commands to the script.
        String header = TerminalText.escape(boot.header());
        String script = boot.plan().script().replaceFirst("\n", java.util.regex.Matcher.quoteReplacement("\n" + header + "\n"));
        if (planFile != null) {
            AtomicFiles.writeString(planFile, script);
            System.out.println("Boot plan written to " + planFile + " (" + header.replaceFirst("^# ", "") + ").");
        } else {
            System.out.print(script);
            System.out.println("# This is the kexec plan a real machine would run now; --plan FILE writes it to a file.");
        }
        boot.plan().warnings().forEach(w -> System.err.println("custody: warning: " + TerminalText.escape(w)));
        return 0;
    }
}
