package dev.custody.cli.boot;

import dev.custody.cli.tpm.TpmOptions;
import dev.custody.common.Secret;
import dev.custody.machine.HostMachine;
import dev.custody.machine.boot.BootUnlock;
import dev.custody.machine.boot.PowerOnReport;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.io.Console;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Run by the initramfs at every boot, before the root disk is opened, on this computer's TPM.",
            "Shows the TOTP code (or which PCR and measurement changed), opens the LUKS disk with the TPM disk key",
            "(or, when the TPM refuses, with the recovery passphrase typed at the console),",
            "prints the measurement log and extends PCR 4, so that nothing later in this boot can unseal again.",
            "Each outcome is also printed as one CUSTODY-* line for machines to read.",
            "Exit 0 when the disk is open, 1 when it stays locked."})
public final class UnlockCommand implements Callable<Integer> {
    @Mixin
    TpmOptions tpmOptions;

    @Option(names = "--boot", paramLabel = "DIR",
            description = "Where kexec_key_devices.txt and kexec_lukshdr_hash.txt are (default: /boot; the initramfs carries copies).")
    Path boot = Path.of("/boot");

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = {"The disk unlock passphrase (for the TPM key).",
                "Default: QEMU's fw_cfg opt/custody/passphrase when present, else asked at the console."})
    Path passphraseFile;

    @Option(names = "--name", paramLabel = "NAME", description = "The device-mapper name of the opened disk (default: luks-UUID).")
    String name;

    @Option(names = "--check-only",
            description = "Only check that the key opens the disk (cryptsetup --test-passphrase); map nothing.")
    boolean checkOnly;

    @Option(names = "--no-prompt", description = "Never ask at the console: when the TPM refuses, say why and exit 1.")
    boolean noPrompt;

    @Override
    public Integer call() {
        TpmSpec tpm = tpmOptions.resolve();
        HostMachine machine = new HostMachine(tpm, SealRecords.stateDirectory(tpm, tpmOptions.stateDirectory()), boot);
        BootUnlock.Report report = new BootUnlock(machine, Optional.ofNullable(passphraseFile), mapping())
                .run(new ConsoleLines(noPrompt ? null : System.console()));
        System.out.println("CUSTODY-DISK: " + disk(report.disk()));
        report.measurementLog().ifPresentOrElse(UnlockCommand::printLog,
                () -> System.out.println("custody: no measurement log to export (securityfs is not mounted, or the firmware keeps none)"));
        System.out.println("CUSTODY-DONE");
        return report.diskOpened() ? 0 : 1;
    }

    private BootUnlock.Mapping mapping() {
        if (checkOnly) {
            return new BootUnlock.Mapping.CheckOnly();
        }
        return name != null ? new BootUnlock.Mapping.Named(name) : new BootUnlock.Mapping.ByLuksUuid();
    }

    private static String disk(BootUnlock.Disk disk) {
        return switch (disk) {
            case BootUnlock.Disk.Opened opened -> "opened " + opened.by().name().toLowerCase(java.util.Locale.ROOT);
            case BootUnlock.Disk.Refused refused -> "refused " + oneLine(refused.reason());
        };
    }

    private static void printLog(byte[] log) {
        System.out.println("CUSTODY-EVENTLOG-BEGIN");
        System.out.println(Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(log));
        System.out.println("CUSTODY-EVENTLOG-END");
    }

    private static String oneLine(String text) {
        return text.replace("\n", "; ");
    }

    /** The boot console: a line per outcome, and passphrases typed without echo when there is a console. */
    private record ConsoleLines(Console console) implements BootUnlock.Console {
        @Override
        public void totp(PowerOnReport.Totp totp) {
            switch (totp) {
                case PowerOnReport.Totp.Shown shown -> {
                    System.out.println("TOTP code " + shown.code() + " (" + shown.secondsLeft()
                            + " s left): compare it with your authenticator app before typing anything.");
                    System.out.println("CUSTODY-TOTP: " + shown.code());
                }
                case PowerOnReport.Totp.Refused refused -> System.out.println("CUSTODY-TOTP: none " + oneLine(refused.reason()));
                case PowerOnReport.Totp.NotSealed notSealed -> System.out.println(
                        "CUSTODY-TOTP: none no TOTP secret is sealed in this TPM (" + notSealed.hint() + ")");
            }
        }

        @Override
        public void tpmRefused(String reason) {
            System.out.println("The TPM does not open the disk: " + oneLine(reason));
        }

        @Override
        public Optional<Secret> ask(String prompt) {
            if (console == null) {
                return Optional.empty();
            }
            char[] typed = console.readPassword("%s", prompt);
            if (typed == null) {
                return Optional.empty();
            }
            var bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(typed));
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            Arrays.fill(typed, '\0');
            Arrays.fill(bytes.array(), (byte) 0);
            return Optional.of(Secret.adopt(copy));
        }
    }
}
