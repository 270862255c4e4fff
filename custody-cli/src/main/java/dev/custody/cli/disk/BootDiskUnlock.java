package dev.custody.cli.disk;

import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.MenuLine;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.machine.DiskKeyRefusedException;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.Machine;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The disk step of a boot, after /boot verified and before the plan is written: the key is
 * released to the signed default entry's kernel in a copy of its initrd, or the owner is told
 * why not and how to open the disk with the recovery passphrase.
 */
public final class BootDiskUnlock {
    private BootDiskUnlock() {}

    /** The initrd to boot instead of the entry's, when the key was released; {@code refused} when it was not. */
    public record Result(Optional<Path> initrd, boolean refused) {}

    public static Result run(Machine machine, Optional<Path> passphraseFile) {
        DiskUnlock.forgetKeyInitrd(machine);
        if (!DiskUnlock.isSetUp(machine)) {
            System.out.println("Disk:  no TPM disk unlock key is set up; the disk will ask for its passphrase.");
            return new Result(Optional.empty(), false);
        }
        if (passphraseFile.isEmpty()) {
            System.out.println("Disk:  no --disk-passphrase-file given, so the TPM disk key stays sealed; "
                    + "the disk will ask for its passphrase.");
            return new Result(Optional.empty(), false);
        }
        try (Tpm tpm = Tpms.open(machine.tpm()); Secret passphrase = Secret.readFile(passphraseFile.get());
             DiskUnlock.Unlocked unlocked = DiskUnlock.unlock(machine, tpm, passphrase)) {
            unlocked.warnings().forEach(w -> System.out.println("Disk:  warning: " + w));
            Path initrd = DiskUnlock.keyInitrd(machine, defaultEntry(machine), unlocked);
            System.out.println("Disk:  unlock key released to the verified kernel in " + initrd
                    + " (PCR 4 extended with \"generic\").");
            return new Result(Optional.of(initrd), false);
        } catch (DiskKeyRefusedException refused) {
            System.out.println("Disk:  KEY REFUSED: " + refused.getMessage());
            System.out.println("       " + DiskUnlock.recoveryHint(machine, DiskUnlock.recordedDevices(machine)));
            return new Result(Optional.empty(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the disk passphrase file " + passphraseFile.get(), e);
        }
    }

    private static BootEntry defaultEntry(Machine machine) {
        KexecFiles kexec = KexecFiles.read(machine.bootDirectory());
        if (kexec.defaults().isEmpty()) {
            throw new IllegalArgumentException("no default boot entry is signed, so there is no kernel to give the disk key to");
        }
        return MenuLine.parse(kexec.text(kexec.defaults().getFirst().file()).orElseThrow());
    }
}
