package dev.custody.ownership.reset;

import dev.custody.boot.disk.Cryptsetup;
import dev.custody.boot.disk.DiskKeyFiles;
import dev.custody.boot.disk.KeyDevice;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.Machine;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.tpm.Tpm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        Optional<Path> kept = machine.recoveryPassphraseFile().filter(Files::exists);
        if (kept.isPresent()) {
            try {
                return Optional.of(Secret.readFile(kept.get()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + kept.get(), e);
            }
        }
        return Optional.empty();
    }

    /**
     * Everything the disk steps need, checked before the TPM is cleared so that a wrong passphrase
     * changes nothing. A resumed reset may find the new recovery passphrase already in place.
     */
    List<String> problems(boolean resuming) {
        List<String> problems = new ArrayList<>();
        Optional<Secret> recovery = recoveryPassphrase();
        if (recovery.isEmpty()) {
            if (answers.diskUnlockKey() || answers.newDiskRecoveryPassphrase().isPresent()) {
                problems.add("diskRecoveryPassphrase: missing; the disk's current passphrase is needed");
            }
            return problems;
        }
        try (Secret passphrase = recovery.get()) {
            List<KeyDevice> devices = devices();
            if (devices.isEmpty()) {
                problems.add("no LUKS device is recorded for the disk (" + machine.bootDirectory() + "/kexec_key_devices.txt)");
            }
            for (KeyDevice device : devices) {
                try {
                    problems.addAll(problems(device, passphrase, resuming));
                } catch (RuntimeException e) {
                    problems.add(device.name() + ": " + e.getMessage());
                }
            }
        }
        return problems;
    }

    private List<String> problems(KeyDevice device, Secret current, boolean resuming) {
        if (!Files.isRegularFile(device.path()) && !Files.exists(device.path())) {
            return List.of(device.name() + ": " + device.path() + " does not exist");
        }
        if (!Files.isReadable(device.path()) || !Files.isWritable(device.path())) {
            return List.of(device.name() + ": " + device.path() + " cannot be read and written");
        }
        boolean opensWithNew = resuming && answers.newDiskRecoveryPassphrase()
                .map(next -> Cryptsetup.testKey(device.path(), next)).orElse(false);
        if (!opensWithNew && !Cryptsetup.testKey(device.path(), current)) {
            return List.of("diskRecoveryPassphrase: does not open " + device.name());
        }
        List<String> problems = new ArrayList<>();
        List<Integer> used = Cryptsetup.keyslots(device.path());
        if (answers.diskUnlockKey()) {
            int version = Cryptsetup.version(device.path());
            if (version != 2) {
                problems.add(device.name() + " is LUKS" + version + "; the disk unlock key goes in LUKS2 keyslot 31 only");
            } else if (!opensWithNew && used.contains(Cryptsetup.DUK_SLOT)
                    && Cryptsetup.opensSlot(device.path(), current, Cryptsetup.DUK_SLOT)) {
                problems.add("diskRecoveryPassphrase: it is in keyslot 31 of " + device.name() + ", where the disk unlock"
                        + " key goes; add it to another slot (cryptsetup luksAddKey) and remove slot 31 first");
            }
        }
        if (answers.newDiskRecoveryPassphrase().isPresent() && !opensWithNew
                && IntStream.range(0, Cryptsetup.DUK_SLOT).allMatch(used::contains)) {
            problems.add("newDiskRecoveryPassphrase: " + device.name() + " has no free keyslot for it");
        }
        return problems;
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

    /**
     * The new passphrase added and every slot of the old one removed. A reset stopped half-way
     * through this may have done either already, so each is done only if still needed.
     */
    private Secret replaceRecovery(Secret current) {
        if (answers.newDiskRecoveryPassphrase().isEmpty()) {
            return current;
        }
        Secret next = Secret.copyOf(answers.newDiskRecoveryPassphrase().get().bytes());
        for (KeyDevice device : devices()) {
            if (!Cryptsetup.testKey(device.path(), next)) {
                List<Integer> used = Cryptsetup.keyslots(device.path());
                int free = IntStream.range(0, Cryptsetup.DUK_SLOT).filter(slot -> !used.contains(slot)).findFirst()
                        .orElseThrow(() -> new IllegalStateException(device.name() + " has no free keyslot"));
                Cryptsetup.addKey(device.path(), free, current, next);
            }
            if (!Arrays.equals(current.bytes(), next.bytes())) {
                for (int slot : Cryptsetup.keyslots(device.path())) {
                    if (slot != Cryptsetup.DUK_SLOT && Cryptsetup.opensSlot(device.path(), current, slot)) {
                        Cryptsetup.killSlot(device.path(), slot, next);
                    }
                }
            }
        }
        machine.recoveryPassphraseFile().ifPresent(file -> AtomicFiles.writePrivate(file, next.bytes()));
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
        return machine.diskDevices();
    }
}
