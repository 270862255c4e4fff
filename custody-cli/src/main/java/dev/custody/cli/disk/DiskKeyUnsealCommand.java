package dev.custody.cli.disk;

import dev.custody.cli.MachineOptions;
import dev.custody.cli.key.Passphrases;
import dev.custody.common.AtomicFiles;
import dev.custody.machine.DiskKeyRefusedException;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.Machine;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "unseal", mixinStandardHelpOptions = true,
        description = {"Release the disk unlock key as Heads does at boot: measure the LUKS headers into PCR 6, compare",
            "them with /boot/kexec_lukshdr_hash.txt, unseal with the passphrase (3 tries on a terminal, one with",
            "--passphrase-file), then extend PCR 4 with \"generic\" so nothing later in this boot can unseal it.",
            "When the key is refused, the disk's recovery passphrase still opens it."})
public final class DiskKeyUnsealCommand implements Callable<Integer> {
    static final int REFUSED = 3;
    private static final int TERMINAL_TRIES = 3;

    @Mixin MachineOptions machineOptions;

    @Option(names = "--passphrase-file", paramLabel = "F", description = "The disk unlock passphrase (one try).") Path passphraseFile;

    @Option(names = "--out", paramLabel = "KEYFILE", description = "Write the key here, readable by its owner only.") Path out;

    @Override
    public Integer call() {
        Machine machine = machineOptions.resolve();
        int tries = passphraseFile != null ? 1 : TERMINAL_TRIES;
        try (Tpm tpm = Tpms.open(machine.tpm());
             DiskUnlock.Unlocked unlocked = DiskUnlock.unlock(machine, tpm, (attempt, previous) -> {
                 previous.ifPresent(why -> System.err.println("custody: " + why + "; try again (" + attempt + " of " + tries + ")"));
                 return Passphrases.read(passphraseFile, "Disk unlock passphrase", false);
             }, tries)) {
            unlocked.warnings().forEach(w -> System.err.println("custody: warning: " + w));
            if (out != null) {
                AtomicFiles.writePrivate(out, unlocked.key().bytes());
            }
            System.out.printf("Disk unlock key released (%d bytes)%s; PCR 4 extended with \"generic\".%n",
                    unlocked.key().length(), out != null ? ", written to " + out : "");
            return 0;
        } catch (DiskKeyRefusedException refused) {
            System.err.println("custody: disk unlock key refused: " + refused.getMessage());
            System.err.println("custody: " + DiskUnlock.recoveryHint(machine, DiskUnlock.recordedDevices(machine)));
            return REFUSED;
        }
    }
}
