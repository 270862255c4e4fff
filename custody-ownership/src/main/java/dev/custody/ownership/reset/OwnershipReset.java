package dev.custody.ownership.reset;

import dev.custody.attest.OneTimePassword;
import dev.custody.attest.OtpUri;
import dev.custody.attest.QrCode;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.manifest.BootSigner;
import dev.custody.boot.manifest.SignResult;
import dev.custody.boot.rollback.TpmRollbackCounter;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.flash.FlashOptions;
import dev.custody.firmware.flash.Flashrom;
import dev.custody.firmware.flash.SafeFlasher;
import dev.custody.firmware.heads.ConfigUser;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.machine.FirmwareUpdate;
import dev.custody.machine.Machine;
import dev.custody.machine.MachineOtp;
import dev.custody.machine.PredictedLogs;
import dev.custody.machine.recovery.FailedAttempts;
import dev.custody.machine.recovery.RecoveryAuth;
import dev.custody.openpgp.GeneratedKey;
import dev.custody.openpgp.GnupgHome;
import dev.custody.openpgp.OpenPgpKeys;
import dev.custody.openpgp.SoftwareSigner;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.ownership.reference.ReferenceMeasurements;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.codec.binary.Base32;

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

        /** Numbered steps and indented details, as the terminal shows them. */
        static Progress printing(PrintStream out) {
            return new Progress() {
                private int step;

                @Override
                public void step(String title) {
                    out.printf("%n[%d] %s%n", ++step, title);
                }

                @Override
                public void detail(String line) {
                    out.println("    " + line);
                }
            };
        }
    }

    /** What the owner must see once and keep; closing it wipes the secrets. */
    public record Outcome(OwnerSecrets secrets, String ownerFingerprint, OwnershipFiles files, String otpUri,
                          Optional<Path> savedSecrets, Optional<Boolean> totpAfterPowerOn) implements AutoCloseable {
        /** The code an authenticator app that scanned {@link #otpUri} shows now. */
        public String totpCodeNow() {
            try (Secret key = secrets.totpKey().orElseThrow()) {
                return OneTimePassword.totp(key.bytes(), Instant.now()).code();
            }
        }

        /** As {@code own reset} shows it: the QR code (also written to {@code qrPng}), the code now, every secret. */
        public String text(Optional<Path> qrPng) {
            String nl = System.lineSeparator();
            StringBuilder out = new StringBuilder(nl).append("Scan this with your authenticator app (it is shown only now):")
                    .append(nl).append(QrCode.of(otpUri).toTerminal());
            qrPng.ifPresent(file -> out.append("QR code written to ").append(file).append(nl));
            out.append("TOTP code now: ").append(totpCodeNow()).append(nl).append(nl)
                    .append("Secrets, shown once. Write them down or print this screen, then clear it:").append(nl);
            secrets.lines().forEach(line -> out.append(line).append(nl));
            out.append("Owner key: ").append(ownerFingerprint).append(" (public key ").append(files.ownerPublicKey()).append(")")
                    .append(nl);
            savedSecrets.ifPresent(file -> out.append("Also saved in ").append(file).append(" (0600).").append(nl));
            return out.toString();
        }

        /** As {@code own reset --json} shows it, the new secrets included. */
        public Map<String, Object> toJson() {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ownerFingerprint", ownerFingerprint);
            result.put("ownerPublicKey", files.ownerPublicKey().toString());
            result.put("otpUri", otpUri);
            result.put("totpCode", totpCodeNow());
            totpAfterPowerOn.ifPresent(ok -> result.put("totpAfterPowerOn", ok));
            result.put("secrets", secrets.asText());
            savedSecrets.ifPresent(file -> result.put("savedSecrets", file.toString()));
            return result;
        }

        @Override
        public void close() {
            secrets.close();
        }
    }

    /**
     * A reset that stopped after its first change. The new secrets are in it (show them: they are
     * also kept in the journal, 0600), and {@code own reset --resume} finishes the reset.
     */
    public static final class StoppedException extends RuntimeException {
        private final transient OwnerSecrets secrets;
        private final Path journal;

        StoppedException(ResetJournal.Step step, RuntimeException cause, OwnerSecrets secrets, Path journal) {
            super("the reset stopped at step " + step.number() + " (" + step.title() + "): " + firstLine(cause.getMessage())
                    + "; the new secrets are kept (0600) in " + journal + " until it completes: fix the cause and run"
                    + " 'custody own reset --resume' with the same machine options", cause);
            this.secrets = secrets;
            this.journal = journal;
        }

        /** The new secrets; the caller shows them and closes them. */
        public OwnerSecrets secrets() {
            return secrets;
        }

        public Path journal() {
            return journal;
        }
    }

    /**
     * Test-only: {@code CUSTODY_TEST_CRASH_AFTER_STEP=N} stops the process dead, as kill -9 or a
     * power cut would, once step N has made its changes and before the journal records them (the
     * worst moment); 0 is just after the journal is first written.
     */
    private static final String FINGERPRINT = "ownerFingerprint";
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String CRASH_AFTER_STEP = "CUSTODY_TEST_CRASH_AFTER_STEP";
    public static final int CRASH_EXIT_CODE = 86;

    private final Machine machine;
    private final Answers answers;
    private final Progress progress;
    private final OwnershipFiles files;
    private final Optional<Flashrom> flashrom;
    private final ResetJournal journal;
    private final boolean resuming;

    private OwnershipReset(Machine machine, Answers answers, Progress progress, Optional<Flashrom> flashrom,
                           ResetJournal journal, boolean resuming) {
        this.machine = machine;
        this.answers = answers;
        this.progress = progress;
        this.files = OwnershipFiles.of(machine);
        this.flashrom = flashrom;
        this.journal = journal;
        this.resuming = resuming;
    }

    public static Outcome run(Machine machine, Answers answers, Progress progress) {
        return run(machine, answers, progress, Optional.empty());
    }

    /**
     * {@code flashrom} reaches this computer's flash chip; without it only a lab machine's
     * firmware is changed, and a host's TOTP is sealed to its current measurements. Refuses, with
     * nothing changed, when a stopped reset is recorded or when any check of the plan fails.
     */
    public static Outcome run(Machine machine, Answers answers, Progress progress, Optional<Flashrom> flashrom) {
        OwnershipFiles files = OwnershipFiles.of(machine);
        Optional<ResetJournal> stopped = ResetJournal.find(files);
        if (stopped.isPresent()) {
            throw new IllegalStateException("a reset that stopped half-way is recorded in " + stopped.get().file() + " ("
                    + stopped.get().describe() + "); nothing was changed now: finish it with 'custody own reset --resume'");
        }
        ResetPlan plan = checked(ResetPlan.check(machine, answers, flashrom, Optional.empty()));
        OwnerSecrets secrets = newSecrets(machine, answers);
        try {
            ResetJournal journal = ResetJournal.start(files, answers, secrets);
            return new OwnershipReset(machine, answers, progress, flashrom, journal, false).execute(plan, secrets);
        } catch (RuntimeException e) {
            secrets.close();
            throw e;
        }
    }

    /** Finishes the reset the journal records, with its answers and secrets; done steps are not run again. */
    public static Outcome resume(Machine machine, Progress progress, Optional<Flashrom> flashrom) {
        OwnershipFiles files = OwnershipFiles.of(machine);
        ResetJournal journal = ResetJournal.find(files).orElseThrow(() -> new IllegalArgumentException(
                "no stopped reset is recorded in " + ResetJournal.fileOf(files) + "; there is nothing to resume"));
        progress.step("Resuming the reset recorded in " + journal.file());
        progress.detail(journal.describe());
        try (Answers answers = journal.answers()) {
            ResetPlan plan = checked(ResetPlan.check(machine, answers, flashrom, Optional.of(journal)));
            OwnerSecrets secrets = journal.secrets();
            try {
                return new OwnershipReset(machine, answers, progress, flashrom, journal, true).execute(plan, secrets);
            } catch (RuntimeException e) {
                secrets.close();
                throw e;
            }
        }
    }

    /**
     * Refuses, before any question is asked, while a stopped reset is recorded for this machine:
     * it is finished with --resume, never started over.
     */
    public static void refuseWhileStopped(Machine machine) {
        ResetJournal.find(OwnershipFiles.of(machine)).map(j -> j.file() + ": " + j.describe()).ifPresent(stopped -> {
            throw new IllegalStateException("a reset that stopped half-way is recorded in " + stopped
                    + "; nothing was changed now: finish it with 'custody own reset --resume'");
        });
    }

    private static ResetPlan checked(ResetPlan plan) {
        if (!plan.problems().isEmpty()) {
            throw new IllegalArgumentException("own reset refused, nothing was changed: " + plan.problems().size()
                    + " problem(s): " + String.join("; ", plan.problems()));
        }
        return plan;
    }

    /** Every new secret, made before the first change so that the journal holds them all from the start. */
    private static OwnerSecrets newSecrets(Machine machine, Answers answers) {
        OwnerSecrets secrets = new OwnerSecrets();
        secrets.with(OwnerSecrets.TPM_OWNER_PASSPHRASE, answers.tpmOwnerPassphrase());
        secrets.with(OwnerSecrets.KEY_PASSPHRASE, answers.keyPassphrase());
        byte[] otp = new byte[SealedOtpSecret.SECRET_LENGTH];
        RANDOM.nextBytes(otp);
        try (Secret base32 = Secret.adopt(OtpUri.base32(otp).getBytes(StandardCharsets.US_ASCII))) {
            secrets.with(OwnerSecrets.TOTP_SECRET, base32);
        } finally {
            Arrays.fill(otp, (byte) 0);
        }
        Optional<Secret> recovery = answers.newDiskRecoveryPassphrase().map(p -> Secret.copyOf(p.bytes()))
                .or(() -> new DiskSecrets(machine, answers, Progress.SILENT).recoveryPassphrase());
        recovery.ifPresent(p -> {
            secrets.with(OwnerSecrets.DISK_RECOVERY_PASSPHRASE, p);
            p.close();
        });
        answers.diskUnlockPassphrase().ifPresent(p -> secrets.with(OwnerSecrets.DISK_UNLOCK_PASSPHRASE, p));
        return secrets;
    }

    private Outcome execute(ResetPlan plan, OwnerSecrets secrets) {
        progress.step("Checks before any change");
        progress.detail("answers, /boot, disk, firmware and TPM checked: nothing stops the reset");
        answers.defaulted().forEach(name -> progress.detail(name + ": not in the answers, so Heads' default is used"));
        progress.detail("journal (0600, with the new secrets until the reset completes): " + journal.file());
        if (answers.saveSecrets()) {
            secrets.writePrivate(files.secrets());
            progress.detail("new secrets saved (0600) in " + files.secrets() + " before the first change");
        } else if (deleteIfExists(files.secrets())) {
            // Deleted before the first change: they stop being true with it, and must not follow the new ones.
            progress.detail("the previous owner's saved secrets were deleted from " + files.secrets());
        }
        crashPoint(0);
        ResetJournal.Step step = ResetJournal.Step.TPM;
        try {
            Prepared prepared;
            try (Tpm tpm = Tpms.open(machine.tpm())) {
                if (!resuming) {
                    progress.step("Current state (about to be replaced)");
                    IntegrityReport.of(machine, tpm, plan.firmware()).forEach(progress::detail);
                }
                prepared = prepare(tpm, secrets, plan.firmware());
            }
            step = null;
            progress.step("Wrap-up");
            Optional<Path> saved = Optional.empty();
            if (answers.saveSecrets()) {
                secrets.writePrivate(files.secrets());
                saved = Optional.of(files.secrets());
                progress.detail("secrets saved (0600) in " + files.secrets());
            }
            journal.delete();
            progress.detail("reset complete; journal removed");
            Optional<Boolean> confirmed = reboot(secrets);
            return new Outcome(secrets, prepared.fingerprint(), files, prepared.otpUri(), saved, confirmed);
        } catch (StepFailed failed) {
            throw new StoppedException(failed.step, failed.cause, secrets, journal.file());
        }
    }

    private record Prepared(String fingerprint, String otpUri) {}

    /** A step's failure, with the step: the reset stops there, resumable. */
    private static final class StepFailed extends RuntimeException {
        private final ResetJournal.Step step;
        private final RuntimeException cause;

        StepFailed(ResetJournal.Step step, RuntimeException cause) {
            super(cause);
            this.step = step;
            this.cause = cause;
        }
    }

    private interface StepWork {
        Map<String, String> run();
    }

    /** Runs a step unless the journal has it done; records it afterwards. */
    private void step(ResetJournal.Step step, StepWork work) {
        progress.step(step.title());
        if (journal.isDone(step)) {
            progress.detail("done before the reset stopped; not repeated");
            return;
        }
        Map<String, String> facts;
        try {
            facts = work.run();
        } catch (RuntimeException e) {
            throw new StepFailed(step, e);
        }
        crashPoint(step.number());
        journal.markDone(step, facts);
    }

    private static void crashPoint(int step) {
        if (String.valueOf(step).equals(System.getenv(CRASH_AFTER_STEP))) {
            System.out.flush();
            Runtime.getRuntime().halt(CRASH_EXIT_CODE);
        }
    }

    private Prepared prepare(Tpm tpm, OwnerSecrets secrets, Optional<FirmwareImage> current) {
        step(ResetJournal.Step.TPM, () -> {
            List<String> done = TpmReset.reset(tpm, answers.tpmOwnerPassphrase(), answers.currentTpmOwnerPassphrase(),
                    answers.dictionaryAttack());
            machine.sealRecords().forgetAll();
            done.forEach(progress::detail);
            return Map.of();
        });
        step(ResetJournal.Step.OWNER_KEY, () -> Map.of(FINGERPRINT, ownerKey().fingerprint()));

        // Once the firmware step is done, the image read before the run is already the new one.
        AtomicReference<Optional<FirmwareImage>> firmware = new AtomicReference<>(current);
        step(ResetJournal.Step.FIRMWARE, () -> {
            firmware.set(current.map(this::nextFirmware));
            if (firmware.get().isEmpty()) {
                progress.detail("this computer's firmware is not changed (--programmer writes the keyring into a coreboot chip)");
            } else {
                Path backup = write(firmware.get().get());
                progress.detail("keyring put into " + HeadsFiles.PUBRING + "; all other files and blobs kept");
                progress.detail("written and verified by reading back; previous image in " + backup);
            }
            return Map.of();
        });
        Optional<FirmwareImage> next = firmware.get();

        byte[] otpSecret = new Base32().decode(secrets.get(OwnerSecrets.TOTP_SECRET).orElseThrow().bytes());
        try (Secret otp = Secret.adopt(otpSecret)) {
            step(ResetJournal.Step.TOTP, () -> {
                sealOtp(tpm, next, otp);
                return Map.of();
            });
            step(ResetJournal.Step.DISK, () -> {
                diskUnlockKey(tpm, next, secrets);
                return Map.of();
            });
            step(ResetJournal.Step.BOOT, () -> {
                signBoot(tpm);
                return Map.of();
            });
            step(ResetJournal.Step.REFERENCE, () -> {
                recordReference(tpm, next);
                return Map.of();
            });
            String fingerprint = journal.fact(FINGERPRINT).orElseThrow();
            return new Prepared(fingerprint, OtpUri.totp(answers.totpLabel().orElse(machine.label()), otp.bytes()));
        }
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
     * The image with the owner's keyring in CBFS and the recovery authentication in config.user,
     * all other files and blobs kept.
     */
    private FirmwareImage nextFirmware(FirmwareImage current) {
        CbfsEditor editor = HeadsFiles.withKeyring(CbfsEditor.of(current, Optional.empty()),
                GnupgHome.keybox(files.ownerPublicKey()), Optional.empty());
        RecoveryAuth recovery = answers.recoveryAuth().setting();
        ConfigUser config = HeadsFiles.configUser(current);
        editor = HeadsFiles.withConfigUser(editor, recovery instanceof RecoveryAuth.None
                ? config.without(RecoveryAuth.CONFIG_KEY) : config.with(RecoveryAuth.CONFIG_KEY, recovery.configValue()));
        progress.detail("recovery authentication: " + recovery.mode() + " (" + RecoveryAuth.CONFIG_KEY + " in config.user)");
        return FirmwareImage.parse(editor.bytes());
    }

    /**
     * Written with a backup and read back. A resumed reset keeps the first backup, which holds
     * the firmware from before the reset, and backs up what it overwrites beside it.
     */
    private Path write(FirmwareImage next) {
        Optional<Path> file = machine.firmwareImageFile();
        if (file.isPresent()) {
            Path backup = firstBackup(file.get().resolveSibling(file.get().getFileName() + ".before-reset"));
            try (Secret none = Secret.empty()) {
                FirmwareUpdate.flash(machine, next, false, backup, none);
            }
            return backup;
        }
        Path backup = firstBackup(files.directory().resolve("firmware-before-reset.rom"));
        try {
            Files.createDirectories(files.directory());
            new SafeFlasher(flashrom.orElseThrow(), (step, total, what) -> progress.detail(what))
                    .flash(next, new FlashOptions(backup, false, false, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flash this computer's firmware; the previous image is in " + backup, e);
        }
        return backup;
    }

    private Path firstBackup(Path backup) {
        return resuming && Files.exists(backup) ? backup.resolveSibling(backup.getFileName() + ".resumed") : backup;
    }

    private void sealOtp(Tpm tpm, Optional<FirmwareImage> image, Secret otpSecret) {
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
        if (!(answers.recoveryAuth() instanceof RecoveryAnswer.None)) {
            new FailedAttempts(tpm, machine.stateDirectory()).define(answers.tpmOwnerPassphrase());
        }
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
        if (!answers.reboot() || !machine.powerOn()) {
            progress.detail("reboot now: the TOTP secret is sealed to the measurements of the next boot");
            return Optional.empty();
        }
        byte[] expected = secrets.get(OwnerSecrets.TOTP_SECRET).orElseThrow().bytes();
        try (Tpm tpm = Tpms.open(machine.tpm()); Secret unsealed = new MachineOtp(machine, tpm).unseal()) {
            boolean same = Arrays.equals(OtpUri.base32(unsealed.bytes()).getBytes(StandardCharsets.US_ASCII), expected);
            progress.detail(same ? "powered on: the TPM releases the TOTP secret, so the prediction was right"
                    : "powered on: the TPM released a different secret");
            return Optional.of(same);
        } catch (RuntimeException e) {
            progress.detail("powered on: the TPM refuses the TOTP secret: " + e.getMessage());
            return Optional.of(false);
        }
    }

    private static boolean deleteIfExists(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
