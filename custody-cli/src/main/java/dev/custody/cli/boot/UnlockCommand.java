package dev.custody.cli.boot;

import dev.custody.cli.tpm.TpmOptions;
import dev.custody.machine.HostMachine;
import dev.custody.machine.boot.BootUnlock;
import dev.custody.machine.boot.UnlockConsole;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
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
    @Mixin TpmOptions tpmOptions;

    @Option(names = "--boot", paramLabel = "DIR",
            description = "Where kexec_key_devices.txt and kexec_lukshdr_hash.txt are (default: /boot; the initramfs carries copies).")
    Path boot = Path.of("/boot");

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = {"The disk unlock passphrase (for the TPM key).",
                "Default: QEMU's fw_cfg opt/custody/passphrase when present, else asked at the console."})
    Path passphraseFile;

    @Option(names = "--name", paramLabel = "NAME", description = "The device-mapper name of the opened disk (default: luks-UUID).") String name;

    @Option(names = "--check-only",
            description = "Only check that the key opens the disk (cryptsetup --test-passphrase); map nothing.")
    boolean checkOnly;

    @Option(names = "--no-prompt", description = "Never ask at the console: when the TPM refuses, say why and exit 1.") boolean noPrompt;

    @Override
    public Integer call() {
        TpmSpec tpm = tpmOptions.resolve();
        HostMachine machine = new HostMachine(tpm, SealRecords.stateDirectory(tpm, tpmOptions.stateDirectory()), boot);
        UnlockConsole console = new UnlockConsole(System.out, noPrompt ? null : System.console());
        BootUnlock.Report report = new BootUnlock(machine, Optional.ofNullable(passphraseFile), mapping()).run(console);
        console.finish(report);
        return report.diskOpened() ? 0 : 1;
    }

    private BootUnlock.Mapping mapping() {
        if (checkOnly) {
            return new BootUnlock.Mapping.CheckOnly();
        }
        return name != null ? new BootUnlock.Mapping.Named(name) : new BootUnlock.Mapping.ByLuksUuid();
    }
}
