package dev.custody.machine.boot;

import dev.custody.boot.entry.BootEntry;
import dev.custody.common.Secret;
import dev.custody.machine.DiskKeyRefusedException;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.Machine;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The disk step of a boot, after /boot verified and before the plan is made: the key is released
 * to the signed default entry's kernel in a copy of its initrd, or the outcome says why not and
 * how to open the disk with the recovery passphrase.
 */
public final class DiskStep {
    private DiskStep() {}

    /** What became of the disk unlock key at this boot. */
    public sealed interface Outcome {
        /** Whether the TPM's key opens the disk at this boot; otherwise the disk asks for its passphrase. */
        default boolean openedByTpm() {
            return this instanceof Released;
        }

        String reason();

        record NotSetUp() implements Outcome {
            public String reason() {
                return "no TPM disk unlock key is set up; the disk will ask for its passphrase";
            }
        }

        record NoPassphrase() implements Outcome {
            public String reason() {
                return "no disk unlock passphrase given, so the TPM disk key stays sealed; the disk will ask for its passphrase";
            }
        }

        record Released(Path initrd, List<String> warnings) implements Outcome {
            public String reason() {
                return "unlock key released to the verified kernel in " + initrd + " (PCR 4 extended with \"generic\")";
            }
        }

        record Refused(String why, String recoveryHint) implements Outcome {
            public String reason() {
                return "KEY REFUSED: " + why;
            }
        }
    }

    public static Outcome run(Machine machine, BootEntry defaultEntry, Optional<Path> passphraseFile) {
        DiskUnlock.forgetKeyInitrd(machine);
        if (!DiskUnlock.isSetUp(machine)) {
            return new Outcome.NotSetUp();
        }
        if (passphraseFile.isEmpty()) {
            return new Outcome.NoPassphrase();
        }
        try (Tpm tpm = Tpms.open(machine.tpm()); Secret passphrase = Secret.readFile(passphraseFile.get());
             DiskUnlock.Unlocked unlocked = DiskUnlock.unlock(machine, tpm, passphrase)) {
            Path initrd = DiskUnlock.keyInitrd(machine, defaultEntry, unlocked);
            return new Outcome.Released(initrd, unlocked.warnings());
        } catch (DiskKeyRefusedException refused) {
            return new Outcome.Refused(refused.getMessage(), DiskUnlock.recoveryHint(machine, DiskUnlock.recordedDevices(machine)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the disk passphrase file " + passphraseFile.get(), e);
        }
    }
}
