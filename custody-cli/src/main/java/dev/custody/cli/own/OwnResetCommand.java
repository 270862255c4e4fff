package dev.custody.cli.own;

import dev.custody.cli.JsonOutput;
import dev.custody.attest.QrCode;
import dev.custody.cli.Json;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.rom.ChipOption;
import dev.custody.firmware.flash.Flashrom;
import dev.custody.machine.Machine;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.reset.Answers;
import dev.custody.ownership.reset.OwnershipReset;
import dev.custody.ownership.reset.OwnershipReset.Outcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"OEM Factory Reset / Re-Ownership, as Heads does it.",
            "Clears the TPM and sets a new owner passphrase, creates the owner's OpenPGP key, puts its public",
            "keyring into the firmware (backup + verify), seals a new TOTP/HOTP secret to the measurements the",
            "new firmware will produce, optionally adds a TPM-sealed disk unlock key, signs /boot with a new",
            "rollback counter, and shows every secret once. Everything the provisioner knew is replaced.",
            "--json prints the outcome as JSON, the new secrets included (once).",
            "",
            "",
            "Before the first change it checks every answer and precondition (boot entries, /boot writable, the",
            "disk passphrase, room in the firmware's CBFS, the TPM's passphrases and free space) and refuses with",
            "all problems at once, changing nothing. A journal (0600, with the new secrets) records each step, so",
            "a reset stopped anywhere (an error, kill -9, a power cut) is finished with --resume; the new secrets",
            "are shown even when a step fails. While a journal exists a new reset is refused.",
            "",
            "Without --answers it asks, in a terminal wizard, with Heads' defaults. The answers file is JSON",
            "(at most 1 MiB; unknown keys, null values, duplicate keys and control characters are refused;",
            "a key left out takes its default, and the reset says which did):",
            "  tpmOwnerPassphrase      new TPM owner passphrase, 8-25 characters (default 12345678)",
            "  currentTpmOwnerPassphrase  only where the TPM cannot be cleared through the platform (UEFI)",
            "  uid                     the key's user id, 1-100 characters (default \"OEM Key\")",
            "  keyType                 rsa3072 (default) or ed25519",
            "  keyPassphrase           protects the key and its backup (default: the admin PIN)",
            "  keyStorage              software (default); smartcard is not supported yet",
            "  userPin, adminPin       OpenPGP card PINs (defaults 123456, 12345678)",
            "  totpLabel               the name your phone shows, 1-64 characters (default: the board or host name)",
            "  totpPcrs                e.g. \"0,1,2,3,4,7\" (default: Heads' set); resettable PCRs 16-23 are refused",
            "  defaultBootEntry        the boot menu entry to make default, 1-999 and present in /boot (default 1)",
            "  diskUnlockKey           true to add a TPM-sealed disk unlock key (default false)",
            "  diskUnlockPassphrase    needed with diskUnlockKey, 8-25 characters",
            "  diskRecoveryPassphrase  the disk's current passphrase (lab default: DIR/disk-recovery-passphrase)",
            "  newDiskRecoveryPassphrase  replaces it (re-ownership does, with a random one)",
            "  dictionaryAttack        {\"maxTries\":10, \"recoverySeconds\":3600, \"lockoutRecoverySeconds\":0}",
            "                          (tries 1-1000, seconds 0-604800)",
            "  saveSecrets             true to also save the secrets (0600) under the machine's state folder",
            "  reboot                  lab only: power on at the end to prove the sealed TOTP (default true)"})
final class OwnResetCommand implements Callable<Integer> {
    static final int PREDICTION_FAILED = 3;

    @Mixin MachineOptions machineOptions;

    @Option(names = "--answers", paramLabel = "FILE.json", description = "Answer every question from this file; no wizard.") Path answersFile;

    @Option(names = "--resume", description = {"Finish a reset that stopped half-way, with the answers and new secrets",
        "its journal recorded; steps it had done are not repeated."})
    boolean resume;

    @Option(names = "--qr-png", paramLabel = "FILE", description = "Also write the TOTP QR code as a PNG (mode 0600).") Path qrPng;

    @Mixin JsonOutput json;

    @Option(names = "--programmer", paramLabel = "P",
            description = {"This computer only: write the keyring into its coreboot/Heads flash chip with this flashrom",
                "programmer (internal, or dummy:emulate=...,image=FILE), with a backup and a read-back. Without it",
                "the firmware of this computer is left alone."})
    String programmer;

    @Mixin ChipOption chip;

    @Override
    public Integer call() {
        Machine machine = machineOptions.resolve();
        PrintStream out = System.out;
        OwnershipReset.Progress progress = json.requested() ? OwnershipReset.Progress.SILENT : OwnershipReset.Progress.printing(out);
        Optional<Flashrom> flashrom = Optional.ofNullable(programmer).map(chip::flashrom);
        if (resume && answersFile != null) {
            throw new IllegalArgumentException("--resume takes the answers the stopped reset recorded; leave out --answers");
        }
        try {
            if (resume) {
                return show(OwnershipReset.resume(machine, progress, flashrom), out);
            }
            OwnershipReset.refuseWhileStopped(machine);
            try (Answers answers = answersFile != null ? Answers.read(answersFile) : ResetWizard.ask(machine)) {
                return show(OwnershipReset.run(machine, answers, progress, flashrom), out);
            }
        } catch (OwnershipReset.StoppedException stopped) {
            try (OwnerSecrets secrets = stopped.secrets()) {
                out.println();
                out.println("The reset stopped before the end. Its new secrets, which the machine may already use:");
                secrets.lines().forEach(out::println);
                out.flush();
            }
            throw stopped;
        }
    }

    private int show(Outcome result, PrintStream out) {
        try (Outcome outcome = result) {
            if (qrPng != null) {
                QrCode.of(outcome.otpUri()).writePng(qrPng);
            }
            if (json.requested()) {
                out.println(Json.write(outcome.toJson()));
            } else {
                out.print(outcome.text(Optional.ofNullable(qrPng)));
            }
            if (outcome.totpAfterPowerOn().orElse(true)) {
                return 0;
            }
            System.err.println("custody: the TPM did not release the TOTP secret after power-on; run custody totp seal");
            return PREDICTION_FAILED;
        }
    }
}
