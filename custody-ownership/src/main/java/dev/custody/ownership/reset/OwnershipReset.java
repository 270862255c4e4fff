package dev.custody.ownership.reset;

import dev.custody.attest.OtpUri;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.manifest.BootSigner;
import dev.custody.boot.manifest.SignResult;
import dev.custody.boot.pgp.GeneratedKey;
import dev.custody.boot.pgp.OpenPgpKeys;
import dev.custody.boot.pgp.SoftwareSigner;
import dev.custody.boot.rollback.TpmRollbackCounter;
import dev.custody.common.AtomicFiles;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.flash.FlashOptions;
import dev.custody.firmware.flash.FlashProgress;
import dev.custody.firmware.flash.Flashrom;
import dev.custody.firmware.flash.SafeFlasher;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.machine.FirmwareUpdate;
import dev.custody.machine.LabMachine;
import dev.custody.machine.Machine;
import dev.custody.machine.MachineOtp;
import dev.custody.machine.PredictedLogs;
import dev.custody.machine.lab.LabKeys;
import dev.custody.machine.lab.LabPower;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.ownership.reference.ReferenceMeasurements;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The OEM Factory Reset / Re-Ownership, in Heads' order: report, TPM reset, owner key,
 * firmware, TOTP/HOTP, disk unlock key, /boot, wrap-up. Unlike Heads it seals the TOTP secret
 * before the reboot, to the measurements the new firmware is predicted to produce; on a lab
 * machine the reboot is a power-on that proves the prediction.
 */
public final class OwnershipReset {
    /** Where the steps report to: the wizard's screen or the terminal. */
    public interface Progress {
        Progress SILENT = new Progress() {
            @Override
            public void step(String title) {}

            @Override
            public void detail(String line) {}
        };

        void step(String title);

        void detail(String line);
    }

    /** What the owner must see once and keep; closing it wipes the secrets. */
    public record Outcome(OwnerSecrets secrets, String ownerFingerprint, OwnershipFiles files, String otpUri,
                          Optional<Path> savedSecrets, Optional<Boolean> totpAfterPowerOn) implements AutoCloseable {
        @Override
        public void close() {
            secrets.close();
        }
    }

    private final Machine machine;
    private final Answers answers;
    private final Progress progress;
    private final OwnershipFiles files;
    private final Optional<Flashrom> flashrom;

    private OwnershipReset(Machine machine, Answers answers, Progress progress, Optional<Flashrom> flashrom) {
        this.machine = machine;
        this.answers = answers;
        this.progress = progress;
        this.files = OwnershipFiles.of(machine);
        this.flashrom = flashrom;
    }

    public static Outcome run(Machine machine, Answers answers, Progress progress) {
        return run(machine, answers, progress, Optional.empty());
    }

    /**
     * {@code flashrom} reaches this computer's flash chip; without it only a lab machine's
     * firmware is changed, and a host's TOTP is sealed to its current measurements.
     */
    public static Outcome run(Machine machine, Answers answers, Progress progress, Optional<Flashrom> flashrom) {
        return new OwnershipReset(machine, answers, progress, flashrom).run();
    }

    private Outcome run() {
        refuseWhatCannotBeDone();
        Optional<FirmwareImage> current = currentFirmware();
        OwnerSecrets secrets = new OwnerSecrets();
        try {
            Prepared prepared;
            try (Tpm tpm = Tpms.open(machine.tpm())) {
                prepared = prepare(tpm, secrets, current);
            }
            progress.step("Wrap-up");
            Optional<Path> saved = Optional.empty();
            if (answers.saveSecrets()) {
                secrets.writePrivate(files.secrets());
                saved = Optional.of(files.secrets());
                progress.detail("secrets saved (0600) in " + files.secrets());
            } else if (Files.deleteIfExists(files.secrets())) {
                progress.detail("the previous owner's saved secrets were deleted from " + files.secrets());
            }
            Optional<Boolean> confirmed = reboot(secrets);
            return new Outcome(secrets, prepared.fingerprint(), files, prepared.otpUri(), saved, confirmed);
        } catch (IOException e) {
            secrets.close();
            throw new UncheckedIOException("cannot remove " + files.secrets(), e);
        } catch (RuntimeException e) {
            secrets.close();
            throw e;
        }
    }

    private record Prepared(String fingerprint, String otpUri) {}

    private Prepared prepare(Tpm tpm, OwnerSecrets secrets, Optional<FirmwareImage> current) {
        progress.step("Current state (about to be replaced)");
        IntegrityReport.of(machine, tpm, current).forEach(progress::detail);

        progress.step("TPM reset");
        TpmReset.Authority authority = TpmReset.reset(tpm, answers.tpmOwnerPassphrase(),
                answers.currentTpmOwnerPassphrase(), answers.dictionaryAttack());
        machine.sealRecords().forgetAll();
        progress.detail("cleared through the " + authority.name().toLowerCase() + " hierarchy; new owner passphrase set");
        progress.detail("dictionary attack: " + answers.dictionaryAttack().maxTries() + " tries, one forgiven every "
                + answers.dictionaryAttack().recoverySeconds() + " s");
        secrets.with(OwnerSecrets.TPM_OWNER_PASSPHRASE, answers.tpmOwnerPassphrase());

        progress.step("Owner's OpenPGP key");
        GeneratedKey key = ownerKey();
        secrets.with(OwnerSecrets.KEY_PASSPHRASE, answers.keyPassphrase());

        progress.step("Firmware");
        Optional<FirmwareImage> image = current.map(this::firmware);
        if (image.isEmpty()) {
            progress.detail("this computer's firmware is not changed (--programmer writes the keyring into a coreboot chip)");
        }

        progress.step("TOTP/HOTP secret");
        String uri;
        try (Secret otpSecret = tpm.random(SealedOtpSecret.SECRET_LENGTH)) {
            uri = sealOtp(tpm, image, otpSecret);
            try (Secret base32 = Secret.adopt(OtpUri.base32(otpSecret.bytes()).getBytes(StandardCharsets.US_ASCII))) {
                secrets.with(OwnerSecrets.TOTP_SECRET, base32);
            }
        }

        progress.step("Disk unlock key");
        diskUnlockKey(tpm, image, secrets);

        progress.step("/boot");
        signBoot(tpm);
        recordReference(tpm, image);
        return new Prepared(key.fingerprint(), uri);
    }

    /** Everything that would stop the run is checked before the TPM is cleared. */
    private void refuseWhatCannotBeDone() {
        if (answers.keyStorage() == Answers.KeyStorage.SMARTCARD) {
            throw new IllegalArgumentException("keyStorage smartcard is not supported yet: Custody cannot factory-reset and "
                    + "provision an OpenPGP card; use keyStorage software (nothing was changed)");
        }
        new DiskSecrets(machine, answers, progress).check();
    }

    private GeneratedKey ownerKey() {
        GeneratedKey key = OpenPgpKeys.generate(answers.uid(), answers.keyType(), answers.keyPassphrase());
        AtomicFiles.writePrivate(files.ownerSecretKey(), key.armoredSecretKey().getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writeString(files.ownerPublicKey(), key.armoredPublicKey());
        progress.detail(answers.keyType().name().toLowerCase() + " key \"" + answers.uid() + "\", fingerprint " + key.fingerprint());
        progress.detail("encrypted backup (0600): " + files.ownerSecretKey());
        return key;
    }

    /**
     * The firmware as it is: read before anything changes, so that a chip flashrom cannot read,
     * or an image without Heads' CBFS, stops the reset with the TPM untouched.
     */
    private Optional<FirmwareImage> currentFirmware() {
        if (machine instanceof LabMachine lab) {
            return Optional.of(readRom(lab.rom()));
        }
        if (flashrom.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path read = Files.createTempFile("custody-chip-", ".rom");
            try {
                FirmwareImage image = FirmwareImage.parse(new SafeFlasher(flashrom.get(), FlashProgress.NONE).readChip(read));
                image.cbfs(Optional.empty());
                return Optional.of(image);
            } finally {
                Files.deleteIfExists(read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this computer's flash chip", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the flash chip does not hold a coreboot image with a CBFS that Custody can"
                    + " put the owner's keyring into (" + e.getMessage() + "); nothing was changed");
        }
    }

    /** The owner's keyring into the image, written with a backup and read back. */
    private FirmwareImage firmware(FirmwareImage current) {
        FirmwareImage next = FirmwareImage.parse(HeadsFiles.withKeyring(CbfsEditor.of(current, Optional.empty()),
                LabKeys.keybox(files.ownerPublicKey()), Optional.empty()).bytes());
        Path backup = write(next);
        progress.detail("keyring put into " + HeadsFiles.PUBRING + "; all other files and blobs kept");
        progress.detail("written and verified by reading back; previous image in " + backup);
        return next;
    }

    private Path write(FirmwareImage next) {
        if (machine instanceof LabMachine lab) {
            Path backup = lab.directory().resolve("rom.bin.before-reset");
            try (Secret none = Secret.empty()) {
                FirmwareUpdate.flash(lab, next, false, backup, none);
            }
            return backup;
        }
        Path backup = files.directory().resolve("firmware-before-reset.rom");
        try {
            Files.createDirectories(files.directory());
            new SafeFlasher(flashrom.orElseThrow(), (step, total, what) -> progress.detail(what))
                    .flash(next, new FlashOptions(backup, false, false, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flash this computer's firmware; the previous image is in " + backup, e);
        }
        return backup;
    }

    private String sealOtp(Tpm tpm, Optional<FirmwareImage> image, Secret otpSecret) {
        List<Integer> pcrs = answers.totpPcrs().orElse(machine.defaultOtpPcrs());
        MachineOtp otp = new MachineOtp(machine, tpm, answers.tpmOwnerPassphrase());
        if (image.isEmpty()) {
            otp.reseal(otpSecret, pcrs, tpm.readPcrs(tpm.sealingBank(), pcrs), machine.measurementLog());
            progress.detail("sealed to PCRs " + pcrs + " as they are now");
        } else {
            PcrPrediction predicted = predict(image.get());
            otp.reseal(otpSecret, pcrs, predictedValues(predicted, pcrs, tpm.sealingBank()),
                    Optional.of(PredictedLogs.toCorebootLog(predicted, tpm.sealingBank())));
            progress.detail("sealed to PCRs " + pcrs + " as the new firmware will measure them at the next power-on");
        }
        if (!tpm.counterExists(SealedOtpSecret.HOTP_COUNTER_INDEX)) {
            tpm.defineCounter(SealedOtpSecret.HOTP_COUNTER_INDEX, answers.tpmOwnerPassphrase());
        }
        return OtpUri.totp(answers.totpLabel().orElse(machine.label()), otpSecret.bytes());
    }

    /** In the order this boot's log shows coreboot measuring, where there is one; else the standard x86 order. */
    private PcrPrediction predict(FirmwareImage image) {
        return PredictedLogs.corebootSequence(machine).map(names -> MeasurementPredictor.predict(image, names))
                .orElseGet(() -> MeasurementPredictor.predict(image));
    }

    /**
     * PCRs 2 and 7 as predicted; the others are zero on a Heads board after power-on (0, 1, 3),
     * before any boot-mode extend (4) and before the LUKS header is measured (6).
     */
    static SortedMap<Integer, byte[]> predictedValues(PcrPrediction predicted, List<Integer> pcrs, PcrBank bank) {
        SortedMap<Integer, byte[]> values = new TreeMap<>();
        SortedMap<Integer, byte[]> predictedPcrs = PredictedLogs.values(predicted, bank);
        for (int pcr : pcrs) {
            values.put(pcr, predictedPcrs.getOrDefault(pcr, new byte[bank.digestLength()]).clone());
        }
        return values;
    }

    /** PCRs 0-5 and 7 as after the next power-on; PCR 6 the disk key predicts from the LUKS headers itself. */
    private void diskUnlockKey(Tpm tpm, Optional<FirmwareImage> image, OwnerSecrets secrets) {
        Optional<Map<Integer, byte[]>> predicted = image.map(i -> predictedValues(predict(i), List.of(0, 1, 2, 3, 4, 5, 7), tpm.sealingBank()));
        new DiskSecrets(machine, answers, progress).apply(tpm, predicted, secrets);
    }

    private void signBoot(Tpm tpm) {
        Path boot = machine.bootDirectory();
        // The old rollback counter went with the TPM clear; the signer creates a new one.
        deleteIfExists(boot.resolve("kexec_rollback.txt"));
        OptionalInt defaultEntry = answers.defaultBootEntry().isPresent() ? answers.defaultBootEntry() : OptionalInt.of(1);
        SignResult result = BootSigner.sign(boot, SoftwareSigner.unlock(files.ownerSecretKey(), answers.keyPassphrase()),
                defaultEntry, Optional.of(new TpmRollbackCounter(tpm, answers.tpmOwnerPassphrase())));
        progress.detail("signed " + result.filesHashed() + " files; rollback counter "
                + result.rollbackCounter().orElseThrow() + "; default entry "
                + result.defaultEntry().map(line -> line.substring(0, line.indexOf('|'))).orElse("none"));
    }

    /** What the new owner (or a hand-off) later compares the machine with. */
    private void recordReference(Tpm tpm, Optional<FirmwareImage> image) {
        if (image.isEmpty()) {
            progress.detail("reference measurements: not recorded, the firmware of this computer was not read");
            return;
        }
        ReferenceMeasurements.of(machine, image.get(), tpm, answers.tpmOwnerPassphrase()).save(files.reference());
        progress.detail("reference measurements (firmware, blobs, /boot, expected PCRs) recorded in " + files.reference());
    }

    /**
     * Heads reboots at the end. The lab powers on, and the TPM must release the TOTP secret that
     * was just sealed to predicted values: anything else means the prediction was wrong.
     */
    private Optional<Boolean> reboot(OwnerSecrets secrets) {
        if (!(machine instanceof LabMachine lab) || !answers.reboot()) {
            progress.detail("reboot now: the TOTP secret is sealed to the measurements of the next boot");
            return Optional.empty();
        }
        LabPower.powerOn(lab);
        byte[] expected = secrets.get(OwnerSecrets.TOTP_SECRET).orElseThrow().bytes();
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret unsealed = new MachineOtp(lab, tpm).unseal()) {
            boolean same = Arrays.equals(OtpUri.base32(unsealed.bytes()).getBytes(StandardCharsets.US_ASCII), expected);
            progress.detail(same ? "powered on: the TPM releases the TOTP secret, so the prediction was right"
                    : "powered on: the TPM released a different secret");
            return Optional.of(same);
        } catch (RuntimeException e) {
            progress.detail("powered on: the TPM refuses the TOTP secret: " + e.getMessage());
            return Optional.of(false);
        }
    }

    private static FirmwareImage readRom(Path rom) {
        try {
            return FirmwareImage.read(rom);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + rom, e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }
}
