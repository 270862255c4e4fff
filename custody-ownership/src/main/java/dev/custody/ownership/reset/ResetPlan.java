package dev.custody.ownership.reset;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.EntryScan;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.boot.manifest.BootFiles;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.flash.FlashProgress;
import dev.custody.firmware.flash.Flashrom;
import dev.custody.firmware.flash.SafeFlasher;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.Machine;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmCapacity;
import dev.custody.tpm.TpmInfo;
import dev.custody.tpm.tpm12.Tpm12;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a reset needs, checked before its first change: the answers against /boot, the
 * disk, the firmware and the TPM. It changes nothing (a probe file in /boot and the state folder
 * is created and removed again) and reports every problem at once, so that the owner fixes them
 * in one go instead of finding them one per attempt.
 *
 * @param problems what stops the reset; empty when it can run
 * @param firmware the firmware as it is now, read before anything changes (a lab's rom.bin, or
 *                 this computer's chip through flashrom); empty when it is not to be changed
 */
record ResetPlan(List<String> problems, Optional<FirmwareImage> firmware) {
    /** Room left for the owner's keyring in CBFS: a keybox of one RSA 3072 key is about 1.5 KiB. */
    static final int KEYRING_ROOM = 4096;
    /** The reset loads a salt key, a storage key and one sealed object at a time. */
    static final int TRANSIENT_OBJECTS = 3;
    /** Both counters (HOTP, rollback) are 8 bytes. */
    static final int COUNTER_BYTES = 8;
    /** Owner-range persistent handles, which TPM2_Clear removes. */
    private static final int OWNER_PERSISTENT_FIRST = 0x81000000;
    private static final int OWNER_PERSISTENT_LAST = 0x817FFFFF;
    private static final int STORAGE_KEY = 0x81000000;
    /** A TPM 1.2 reset loads the transport session's key and one signing or sealing key at a time. */
    private static final int TPM12_KEYS = 2;

    ResetPlan {
        problems = List.copyOf(problems);
    }

    /** {@code resuming}: steps already done (as the journal says) are not checked for the state before them. */
    static ResetPlan check(Machine machine, Answers answers, Optional<Flashrom> flashrom, Optional<ResetJournal> resuming) {
        List<String> problems = new ArrayList<>();
        if (answers.keyStorage() == Answers.KeyStorage.SMARTCARD) {
            problems.add("keyStorage: smartcard is not supported yet (Custody cannot factory-reset and provision an"
                    + " OpenPGP card); use software");
        }
        writable("/boot", machine.bootDirectory(), problems);
        writable("the state folder", OwnershipFiles.of(machine).directory(), problems);
        bootEntries(machine.bootDirectory(), answers, problems);
        problems.addAll(new DiskSecrets(machine, answers, OwnershipReset.Progress.SILENT).problems(resuming.isPresent()));
        Optional<FirmwareImage> firmware = firmware(machine, flashrom, problems);
        if (!(answers.recoveryAuth() instanceof RecoveryAnswer.None) && firmware.isEmpty()) {
            problems.add("recoveryAuth: is set in the firmware's config.user, and this computer's firmware is not changed"
                    + " (give --programmer)");
        }
        tpm(machine, answers, resuming, problems);
        return new ResetPlan(problems, firmware);
    }

    /** Writable for real (a read-only mount passes a permission check), by creating and removing a probe file. */
    private static void writable(String what, Path folder, List<String> problems) {
        try {
            Files.createDirectories(folder);
            if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
                problems.add(what + " " + folder + " cannot be read");
                return;
            }
            Files.delete(Files.createTempFile(folder, ".custody-probe-", ".tmp"));
        } catch (IOException | RuntimeException e) {
            problems.add(what + " " + folder + " cannot be written (" + e.getMessage() + ")");
        }
    }

    private static void bootEntries(Path boot, Answers answers, List<String> problems) {
        if (!Files.isDirectory(boot)) {
            return;
        }
        List<FoundEntry> entries;
        try {
            BootFiles.regularFiles(boot).stream().filter(file -> !Files.isReadable(boot.resolve(file))).findFirst()
                    .ifPresent(file -> problems.add("/boot: " + file + " cannot be read, so /boot cannot be signed"));
            EntryScan scan = BootEntries.scan(boot, BootContent.toBeSigned(boot));
            scan.refusals().forEach(refusal -> problems.add("/boot: " + refusal.file() + ": " + refusal.reason()
                    + ", so /boot cannot be signed"));
            entries = scan.entries();
        } catch (RuntimeException e) {
            problems.add("/boot: the boot entries cannot be read (" + e.getMessage() + ")");
            return;
        }
        int wanted = answers.defaultBootEntry().orElse(1);
        if (entries.isEmpty()) {
            problems.add("/boot: no boot entries found (grub.cfg and the like), so there is nothing to make default");
        } else if (wanted > entries.size()) {
            problems.add("defaultBootEntry: there is no boot entry " + wanted + " (there are " + entries.size()
                    + "; see custody boot entries)");
        } else {
            FoundEntry chosen = entries.get(wanted - 1);
            chosen.entry().files().stream().filter(file -> !Files.isRegularFile(boot.resolve(file.replaceFirst("^/+", ""))))
                    .findFirst().ifPresent(file -> problems.add("defaultBootEntry: entry " + wanted + " ('"
                            + chosen.entry().name() + "') loads " + file + ", which is not in /boot"));
        }
    }

    /**
     * The firmware as it is: a chip flashrom cannot read, or an image without Heads' CBFS or
     * without room for the keyring, stops the reset with the TPM untouched.
     */
    private static Optional<FirmwareImage> firmware(Machine machine, Optional<Flashrom> flashrom, List<String> problems) {
        Optional<FirmwareImage> image;
        try {
            image = read(machine, flashrom);
        } catch (IOException | RuntimeException e) {
            problems.add("firmware: cannot be read (" + e.getMessage() + ")");
            return Optional.empty();
        }
        try {
            image.ifPresent(current -> HeadsFiles.withKeyring(CbfsEditor.of(current, Optional.empty()),
                    new byte[KEYRING_ROOM], Optional.empty()).bytes());
        } catch (RuntimeException e) {
            problems.add("firmware: no coreboot CBFS with room for the owner's keyring (" + e.getMessage() + ")");
        }
        return image;
    }

    private static Optional<FirmwareImage> read(Machine machine, Optional<Flashrom> flashrom) throws IOException {
        Optional<Path> file = machine.firmwareImageFile();
        if (file.isPresent()) {
            return Optional.of(FirmwareImage.read(file.get()));
        }
        if (flashrom.isEmpty()) {
            return Optional.empty();
        }
        Path read = Files.createTempFile("custody-chip-", ".rom");
        try {
            return Optional.of(FirmwareImage.parse(new SafeFlasher(flashrom.get(), FlashProgress.NONE).readChip(read)));
        } finally {
            Files.deleteIfExists(read);
        }
    }

    /**
     * Reachable, clearable, with the passphrases the answers give, and with room for what the
     * reset stores. Passphrases are checked with TPM2_PolicySecret, which changes nothing.
     */
    private static void tpm(Machine machine, Answers answers, Optional<ResetJournal> resuming, List<String> problems) {
        boolean alreadyCleared = resuming.map(j -> j.isDone(ResetJournal.Step.TPM)).orElse(false);
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            TpmCapacity capacity = tpm.capacity();
            if (alreadyCleared) {
                if (!tpm.authorizes(Hierarchy.OWNER, answers.tpmOwnerPassphrase())) {
                    problems.add("TPM: the owner passphrase is no longer the one this reset set; the TPM was changed since"
                            + " the reset stopped, so start it again without --resume");
                }
            } else {
                clearable(tpm, capacity, answers, resuming.isPresent(), problems);
            }
            room(tpm, capacity, answers, alreadyCleared, problems);
        } catch (RuntimeException e) {
            problems.add("TPM: " + machine.tpm() + " cannot be used (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** A reset stopped just after the clear, before its journal said so, finds the new owner passphrase set. */
    private static void clearable(Tpm tpm, TpmCapacity capacity, Answers answers, boolean resuming, List<String> problems) {
        boolean currentGiven = !answers.currentTpmOwnerPassphrase().isEmpty();
        if (currentGiven && !tpm.authorizes(Hierarchy.OWNER, answers.currentTpmOwnerPassphrase())
                && !(resuming && tpm.authorizes(Hierarchy.OWNER, answers.tpmOwnerPassphrase()))) {
            problems.add("currentTpmOwnerPassphrase: is not this TPM's owner passphrase");
        }
        if (capacity.platformHierarchy()) {
            return;
        }
        boolean tpm12 = TpmInfo.FAMILY_1_2.equals(tpm.info().family());
        String noPlatform = tpm12 ? "physical presence cannot be asserted until the next power-on (TSC_PhysicalPresence is"
                + " locked, or TPM_ForceClear disabled)" : "the firmware turned the TPM's platform hierarchy off (UEFI)";
        String clearer = tpm12 ? "owner passphrase (TPM_OwnerClear)" : "lockout passphrase";
        if (capacity.clearDisabled()) {
            problems.add("TPM: clearing is disabled and " + noPlatform + "; clear the TPM in the firmware setup");
        } else if (capacity.inLockout()) {
            problems.add("TPM: in dictionary-attack lockout; wait for it to end or clear the TPM in the firmware setup");
        } else if (!currentGiven) {
            problems.add("currentTpmOwnerPassphrase: needed, because " + noPlatform + ", so only the " + clearer
                    + " can clear it");
        } else if (!tpm.authorizes(Hierarchy.LOCKOUT, answers.currentTpmOwnerPassphrase())) {
            problems.add("currentTpmOwnerPassphrase: is not this TPM's " + clearer + ", which clearing it needs");
        }
    }

    private static void room(Tpm tpm, TpmCapacity capacity, Answers answers, boolean alreadyCleared, List<String> problems) {
        if (TpmInfo.FAMILY_1_2.equals(tpm.info().family())) {
            roomOnTpm12(tpm, capacity, answers, alreadyCleared, problems);
            return;
        }
        if (capacity.transientAvailable() < TRANSIENT_OBJECTS) {
            problems.add("TPM: room for " + capacity.transientAvailable() + " loaded objects, the reset needs "
                    + TRANSIENT_OBJECTS + " (power-cycle the machine to free them)");
        }
        List<Integer> present = tpm.persistentHandles();
        // What the clear frees (the owner's objects), or, once cleared, the objects the reset replaces in place.
        List<Integer> ours = List.of(STORAGE_KEY, SealedOtpSecret.HANDLE, DiskUnlock.HANDLE);
        long freed = present.stream().filter(h -> alreadyCleared ? ours.contains(h)
                : h >= OWNER_PERSISTENT_FIRST && h <= OWNER_PERSISTENT_LAST).count();
        int needed = 2 + (answers.diskUnlockKey() ? 1 : 0);
        if (capacity.persistentAvailable() + freed < needed) {
            problems.add("TPM: room for " + (capacity.persistentAvailable() + freed) + " persistent objects after the"
                    + " clear, the reset needs " + needed + " (storage key, TOTP secret" + (needed > 2 ? ", disk key)" : ")"));
        }
        if (capacity.nvIndexMax() < COUNTER_BYTES) {
            problems.add("TPM: NV indexes hold at most " + capacity.nvIndexMax() + " bytes, the counters need " + COUNTER_BYTES);
        }
    }

    /**
     * A TPM 1.2 keeps sealed secrets in NV areas of Heads' size, which a clear keeps (Heads defines
     * them without owner permissions) and the reset overwrites in place, and the counters as
     * monotonic counters, which a clear releases.
     */
    private static void roomOnTpm12(Tpm tpm, TpmCapacity capacity, Answers answers, boolean alreadyCleared,
                                    List<String> problems) {
        if (capacity.transientAvailable() < TPM12_KEYS) {
            problems.add("TPM: room for " + capacity.transientAvailable() + " loaded keys, the reset needs " + TPM12_KEYS
                    + " (power-cycle the machine to free them)");
        }
        List<Integer> present = tpm.persistentHandles();
        List<Integer> areas = answers.diskUnlockKey() ? List.of(Tpm12.nvIndex(SealedOtpSecret.HANDLE), Tpm12.nvIndex(DiskUnlock.HANDLE))
                : List.of(Tpm12.nvIndex(SealedOtpSecret.HANDLE));
        long missing = areas.stream().filter(index -> !present.contains(index)).count();
        if (capacity.persistentAvailable() < missing) {
            problems.add("TPM: free NV room for " + capacity.persistentAvailable() + " sealed secrets of "
                    + Tpm12.HEADS_SEALED_SIZE + " bytes, the reset needs " + missing + " more (TOTP secret"
                    + (answers.diskUnlockKey() ? ", disk key)" : ")"));
        }
        if (alreadyCleared) {
            long made = java.util.stream.Stream.of(SealedOtpSecret.HOTP_COUNTER_INDEX, Tpm12.HEADS_COUNTER_LABEL)
                    .filter(tpm::counterExists).count();
            if (capacity.nvCountersAvailable() + made < 2) {
                problems.add("TPM: room for " + capacity.nvCountersAvailable() + " more monotonic counters, the reset"
                        + " needs " + (2 - made) + " (HOTP, rollback)");
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
