package dev.custody.ownership.reset;

import dev.custody.boot.disk.Cryptsetup;
import dev.custody.boot.disk.DiskKeyFiles;
import dev.custody.boot.disk.KeyDevice;
import dev.custody.common.AtomicFiles;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.LabMachine;
import dev.custody.machine.Machine;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The disk's part of a reset: the recovery passphrase checked (and replaced, on re-ownership),
 * and keyslot 31 either given a new TPM-sealed key or emptied, so that a disk unlock key the
 * provisioner might have copied opens nothing.
 */
final class DiskSecrets {
    private final Machine machine;
    private final Answers answers;
    private final OwnershipReset.Progress progress;

    DiskSecrets(Machine machine, Answers answers, OwnershipReset.Progress progress) {
        this.machine = machine;
        this.answers = answers;
        this.progress = progress;
    }

    /** The disk's current passphrase: given, or the lab's own file. */
    Optional<Secret> recoveryPassphrase() {
        if (answers.diskRecoveryPassphrase().isPresent()) {
            return Optional.of(Secret.copyOf(answers.diskRecoveryPassphrase().get().bytes()));
        }
        if (machine instanceof LabMachine lab && Files.exists(lab.recoveryPassphrase())) {
            try {
                return Optional.of(Secret.readFile(lab.recoveryPassphrase()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + lab.recoveryPassphrase(), e);
            }
        }
        return Optional.empty();
    }

    /** Checked before the TPM is cleared, so a wrong passphrase changes nothing. */
    void check() {
        Optional<Secret> recovery = recoveryPassphrase();
        if (recovery.isEmpty()) {
            if (answers.diskUnlockKey() || answers.newDiskRecoveryPassphrase().isPresent()) {
                throw new IllegalArgumentException("diskRecoveryPassphrase, the disk's current passphrase, is needed "
                        + "(nothing was changed)");
            }
            return;
        }
        try (Secret passphrase = recovery.get()) {
            for (KeyDevice device : devices()) {
                if (!Cryptsetup.testKey(device.path(), passphrase)) {
                    throw new IllegalArgumentException("the disk recovery passphrase does not open " + device.name()
                            + " (nothing was changed)");
                }
            }
        }
    }

    void apply(Tpm tpm, Optional<Map<Integer, byte[]>> predicted, OwnerSecrets secrets) {
        Optional<Secret> known = recoveryPassphrase();
        if (known.isEmpty()) {
            progress.detail("no disk recovery passphrase given: the disk is left as it is");
            return;
        }
        try (Secret recovery = replaceRecovery(known.get())) {
            secrets.with(OwnerSecrets.DISK_RECOVERY_PASSPHRASE, recovery);
            if (answers.diskUnlockKey()) {
                Secret unlock = answers.diskUnlockPassphrase().orElseThrow();
                DiskUnlock.Setup setup = DiskUnlock.setUp(machine, tpm, recovery, unlock, answers.tpmOwnerPassphrase(), predicted);
                secrets.with(OwnerSecrets.DISK_UNLOCK_PASSPHRASE, unlock);
                progress.detail("128 random bytes in LUKS2 keyslot 31 of " + setup.devices().stream().map(KeyDevice::name).toList()
                        + ", sealed at 0x81000003 to PCRs 0-7 and the unlock passphrase");
                progress.detail("LUKS header hash recorded in /boot/" + DiskKeyFiles.LUKS_HEADER_HASH);
            } else {
                removeOldKey(recovery);
            }
        }
    }

    private Secret replaceRecovery(Secret current) {
        if (answers.newDiskRecoveryPassphrase().isEmpty()) {
            return current;
        }
        Secret next = Secret.copyOf(answers.newDiskRecoveryPassphrase().get().bytes());
        for (KeyDevice device : devices()) {
            List<Integer> used = Cryptsetup.keyslots(device.path());
            int old = used.stream().filter(slot -> slot != Cryptsetup.DUK_SLOT)
                    .filter(slot -> Cryptsetup.opensSlot(device.path(), current, slot)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no keyslot of " + device.name() + " holds the recovery passphrase"));
            int free = IntStream.range(0, Cryptsetup.DUK_SLOT).filter(slot -> !used.contains(slot)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(device.name() + " has no free keyslot"));
            Cryptsetup.addKey(device.path(), free, current, next);
            Cryptsetup.killSlot(device.path(), old, next);
        }
        if (machine instanceof LabMachine lab) {
            AtomicFiles.writePrivate(lab.recoveryPassphrase(), next.bytes());
        }
        current.close();
        progress.detail("disk recovery passphrase replaced; the old one no longer opens the disk");
        return next;
    }

    /** The TPM clear took the sealed copy; a copy the previous owner kept must not open the disk either. */
    private void removeOldKey(Secret recovery) {
        for (KeyDevice device : devices()) {
            if (Cryptsetup.keyslots(device.path()).contains(Cryptsetup.DUK_SLOT)) {
                Cryptsetup.killSlot(device.path(), Cryptsetup.DUK_SLOT, recovery);
                progress.detail("the previous disk unlock key was removed from keyslot 31 of " + device.name());
            }
        }
        try {
            Files.deleteIfExists(machine.bootDirectory().resolve(DiskKeyFiles.KEY_DEVICES));
            Files.deleteIfExists(machine.bootDirectory().resolve(DiskKeyFiles.LUKS_HEADER_HASH));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old disk key records from " + machine.bootDirectory(), e);
        }
        DiskUnlock.forgetKeyInitrd(machine);
        progress.detail("no disk unlock key (diskUnlockKey is false); the disk asks for its passphrase at boot");
    }

    private List<KeyDevice> devices() {
        return machine instanceof LabMachine ? DiskUnlock.devices(machine, List.of()) : DiskUnlock.recordedDevices(machine);
    }
}
