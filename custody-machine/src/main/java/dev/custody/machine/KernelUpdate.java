package dev.custody.machine;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.common.InputFiles;
import dev.custody.common.Secret;
import dev.custody.common.TerminalText;
import dev.custody.eventlog.BootApplicationUpdate;
import dev.custody.eventlog.BootApplicationUpdate.Target;
import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.Replayer;
import dev.custody.eventlog.pe.MalformedImageException;
import dev.custody.eventlog.pe.PeImage;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.SealedSecrets;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A kernel (or other EFI boot application) update that keeps the owner's TOTP and disk key
 * working: the PCRs of the next boot are predicted from this boot's log and the new image, and
 * the same secrets are sealed to them before the reboot. On a coreboot machine nothing changes:
 * Heads verifies the kernel by its signature and measures none of it.
 *
 * <p>Resealing needs the TPM to release the current secrets, so the TPM must still hold the values
 * they are sealed to. After Custody's boot step extended PCR 4, it does not, and the reseal waits
 * for the next boot: that is said, never guessed around.
 */
public final class KernelUpdate {
    private KernelUpdate() {}

    public sealed interface Prediction {
        /** PCR values of the next boot per bank (PCRs 8 and 9 left out), and the predicted log. */
        record Predicted(Map<HashAlgorithm, SortedMap<Integer, Bytes>> pcrs, List<String> replaced, byte[] log,
                         List<String> warnings) implements Prediction {}

        /** Nothing sealed depends on the kernel. */
        record Unaffected(String reason) implements Prediction {}

        record Impossible(String reason) implements Prediction {}
    }

    /** What happened to one sealed secret. */
    public sealed interface Reseal {
        record Resealed(SortedMap<Integer, byte[]> pcrs) implements Reseal {}

        /** A run that was interrupted already resealed this one. */
        record AlreadyResealed() implements Reseal {}

        record Unchanged() implements Reseal {}

        record NotSealed() implements Reseal {}

        record Impossible(String reason) implements Reseal {}
    }

    public record Report(Prediction prediction, Reseal totp, Reseal diskKey) {}

    /** A whole update: the prediction, and the reseal when there was a prediction to reseal to. */
    public record Outcome(Prediction prediction, Optional<Report> reseal) {
        /** Nothing could be predicted, or a secret could not be resealed: the owner seals again after booting the new kernel. */
        public boolean resealAfterReboot() {
            return prediction instanceof Prediction.Impossible || reseal.map(r -> r.totp() instanceof Reseal.Impossible
                    || r.diskKey() instanceof Reseal.Impossible).orElse(false);
        }

        /**
         * What 'boot reseal' and 'lab install-kernel' print for the new {@code kernel} (the JSON is
         * {@link KernelUpdateJson}); {@code reboot} names what boots it ("the reboot", or a lab power-on).
         */
        public String text(Machine machine, Path kernel, String reboot) {
            List<String> lines = new ArrayList<>();
            switch (prediction) {
                case Prediction.Predicted p -> {
                    lines.add("Predicted the next boot with " + kernel + " (replacing " + String.join(", ", p.replaced()) + "):");
                    p.pcrs().forEach((bank, values) -> values.forEach((pcr, value) ->
                            lines.add(String.format("  %-6s PCR %2d: %s", bank.bankName(), pcr, value.hex()))));
                    p.warnings().forEach(w -> lines.add("warning: " + w));
                    lines.add("Not predicted: PCR 8 and PCR 9 (the initrd and command line); Custody does not seal to them by default.");
                }
                case Prediction.Unaffected u -> lines.add("Nothing to reseal: " + u.reason() + ".");
                case Prediction.Impossible i -> lines.add("Cannot predict the next boot: " + i.reason() + ".");
            }
            reseal.ifPresent(r -> {
                lines.add("TOTP secret: " + describe(r.totp()));
                lines.add("Disk key: " + describe(r.diskKey()));
            });
            if (resealAfterReboot()) {
                lines.add("Reseal after " + reboot + ": custody totp seal" + machine.commandLineSelector()
                        + " (then enrol the new code) and custody disk-key seal" + machine.commandLineSelector() + ".");
            }
            return TerminalText.escape(String.join("\n", lines));
        }

        private static String describe(Reseal reseal) {
            return switch (reseal) {
                case Reseal.Resealed r -> "resealed to PCRs " + r.pcrs().keySet() + " as predicted; the same secret, nothing to re-enrol.";
                case Reseal.AlreadyResealed a -> "already resealed to the predicted values (an earlier run).";
                case Reseal.Unchanged u -> "its PCRs do not change; nothing to do.";
                case Reseal.NotSealed n -> "none is sealed on this machine.";
                case Reseal.Impossible i -> "not resealed: " + i.reason() + ".";
            };
        }
    }

    /** A kernel file the owner installs himself, checked to be an EFI image, and which image of the log it replaces. */
    public record KernelFile(byte[] image, Target target) {
        /** {@code replaces}: the image it replaces, needed when the log has several boot applications. */
        public static KernelFile read(Path kernel, Optional<Path> replaces) throws IOException {
            byte[] image = InputFiles.readAllBytes(kernel);
            try {
                PeImage.parse(image);
            } catch (MalformedImageException e) {
                throw new IllegalArgumentException(kernel + " is not an EFI image: " + e.getMessage());
            }
            return new KernelFile(image, replaces.isEmpty() ? new Target.OnlyOne()
                    : new Target.Image(replaces.get().toString(), InputFiles.readAllBytes(replaces.get())));
        }
    }

    /** Predicts the next boot with {@code measuredImage} (see {@link #predict}) and, when it can, reseals to it (see {@link #reseal}). */
    public static Outcome update(Machine machine, byte[] measuredImage, Target target, Secret ownerAuth,
                                 Optional<Secret> diskPassphrase) {
        Prediction prediction = predict(machine, measuredImage, target);
        return new Outcome(prediction, prediction instanceof Prediction.Predicted predicted
                ? Optional.of(reseal(machine, predicted, ownerAuth, diskPassphrase)) : Optional.empty());
    }

    /**
     * {@link #update} for a kernel file the owner installs himself (custody boot reseal). Refused on
     * a QEMU machine: QEMU patches the kernel it loads, so OVMF measures other bytes than the file's,
     * and the kernel the next boot loads is the machine's own copy, which 'lab install-kernel'
     * predicts for and installs in one step.
     */
    public static Outcome updateForKernelFile(Machine machine, KernelFile kernel, Secret ownerAuth, Optional<Secret> diskPassphrase) {
        if (machine instanceof QemuMachine qemu) {
            throw new IllegalArgumentException("on the QEMU machine " + qemu.directory() + " the firmware measures the"
                    + " kernel as QEMU patches it, not the file: use 'custody lab install-kernel " + qemu.directory()
                    + " --kernel FILE', which reseals for it and installs it");
        }
        return update(machine, kernel.image(), kernel.target(), ownerAuth, diskPassphrase);
    }

    /**
     * The PCRs of the next boot when the firmware loads {@code measuredImage} instead of the image
     * {@code target} names: the new kernel file on a laptop, or what QEMU hands OVMF.
     */
    public static Prediction predict(Machine machine, byte[] measuredImage, Target target) {
        Optional<byte[]> log = machine.measurementLog();
        if (log.isEmpty()) {
            return new Prediction.Impossible("there is no measurement log of this boot to predict from");
        }
        Optional<EventLog> parsed = SealingLog.parse(log.get());
        if (parsed.isPresent() && parsed.get().format().isCoreboot()) {
            return new Prediction.Unaffected("coreboot measured the firmware only: Heads verifies the kernel by its signature"
                    + " in /boot (custody boot sign), and no sealed PCR measures it");
        }
        return switch (BootApplicationUpdate.predict(log.get(), measuredImage, target)) {
            case BootApplicationUpdate.Prediction.Predicted p -> new Prediction.Predicted(p.pcrs(), p.replaced(), p.log(), p.warnings());
            case BootApplicationUpdate.Prediction.Impossible i -> new Prediction.Impossible(i.reason());
        };
    }

    /**
     * Reseals the TOTP secret and the disk key to {@code predicted}, keeping both secrets. Every
     * check and both unseals come first; a run killed between the two reseals is completed by
     * running it again (the one already resealed is recognised by its record).
     */
    public static Report reseal(Machine machine, Prediction.Predicted predicted, Secret ownerAuth, Optional<Secret> diskPassphrase) {
        byte[] current = machine.measurementLog().orElseThrow(() -> new IllegalStateException("the measurement log disappeared"));
        EventLog log = SealingLog.parse(current).orElseThrow(() -> new IllegalStateException("the measurement log became unreadable"));
        Plan totp = plan(machine, SealedOtpSecret.HANDLE, log, predicted);
        Plan disk = plan(machine, DiskUnlock.HANDLE, log, predicted);
        if (disk instanceof Plan.Change && diskPassphrase.isEmpty()) {
            disk = new Plan.Done(new Reseal.Impossible("the disk unlock passphrase is needed to release and reseal the disk key"));
        }
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            MachineOtp otp = new MachineOtp(machine, tpm, ownerAuth);
            SealedSecrets sealed = new SealedSecrets(tpm, machine.sealRecords());
            try (Secret totpSecret = totp instanceof Plan.Change ? unseal(() -> otp.unseal()) : Secret.empty();
                 Secret diskKey = disk instanceof Plan.Change c ? unseal(() -> DiskUnlock.unsealToReseal(machine, tpm,
                         c.record(), diskPassphrase.get())) : Secret.empty()) {
                Reseal totpDone = switch (totp) {
                    case Plan.Done done -> done.outcome();
                    case Plan.Change change -> {
                        otp.reseal(totpSecret, change.record().policy().pcrs(), change.values(), Optional.of(predicted.log()));
                        yield new Reseal.Resealed(change.values());
                    }
                };
                Reseal diskDone = switch (disk) {
                    case Plan.Done done -> done.outcome();
                    case Plan.Change change -> {
                        DiskUnlock.resealSameKey(machine, sealed, diskKey, change.record(), change.values(),
                                diskPassphrase.get(), ownerAuth, predicted.log());
                        yield new Reseal.Resealed(change.values());
                    }
                };
                return new Report(predicted, totpDone, diskDone);
            }
        } catch (UnsealRefused refused) {
            Reseal why = new Reseal.Impossible(refused.getMessage());
            return new Report(predicted, totp instanceof Plan.Change ? why : ((Plan.Done) totp).outcome(),
                    disk instanceof Plan.Change ? why : ((Plan.Done) disk).outcome());
        }
    }

    /** What one seal needs: nothing (with the reason) or new values for its PCRs. */
    private sealed interface Plan {
        record Done(Reseal outcome) implements Plan {}

        record Change(SealRecord record, SortedMap<Integer, byte[]> values) implements Plan {}
    }

    private static Plan plan(Machine machine, int handle, EventLog log, Prediction.Predicted predicted) {
        Optional<SealRecord> found = machine.sealRecords().find(handle);
        if (found.isEmpty()) {
            return new Plan.Done(new Reseal.NotSealed());
        }
        SealRecord record = found.get();
        PcrBank bank = record.bank();
        HashAlgorithm algorithm = bank == PcrBank.SHA1 ? HashAlgorithm.SHA1 : HashAlgorithm.SHA256;
        SortedMap<Integer, Bytes> next = predicted.pcrs().get(algorithm);
        if (next == null) {
            return new Plan.Done(new Reseal.Impossible("the measurement log carries no " + algorithm.bankName()
                    + " digests, the bank the secret is sealed in"));
        }
        for (int pcr : record.policy().pcrs()) {
            String unknown = BootApplicationUpdate.NOT_PREDICTED.get(pcr);
            if (unknown != null) {
                return new Plan.Done(new Reseal.Impossible("it is sealed to PCR " + pcr + ", which measures " + unknown
                        + "; Custody does not predict it"));
            }
        }
        SortedMap<Integer, Bytes> now = Replayer.replay(log).bank(algorithm);
        List<Integer> changed = record.policy().pcrs().stream()
                .filter(pcr -> !java.util.Objects.equals(now.get(pcr), next.get(pcr))).toList();
        if (changed.isEmpty()) {
            return new Plan.Done(new Reseal.Unchanged());
        }
        if (changed.stream().allMatch(pcr -> next.get(pcr) != null && Arrays.equals(record.values().get(pcr), next.get(pcr).toArray()))) {
            return new Plan.Done(new Reseal.AlreadyResealed());
        }
        SortedMap<Integer, byte[]> values = new TreeMap<>(record.values());
        List<String> problems = new ArrayList<>();
        for (int pcr : changed) {
            if (now.get(pcr) == null || !Arrays.equals(record.values().get(pcr), now.get(pcr).toArray())) {
                problems.add("PCR " + pcr + " is sealed to a value this boot's log does not replay to");
            } else if (next.get(pcr) == null) {
                problems.add("PCR " + pcr + " has no predicted value");
            } else {
                values.put(pcr, next.get(pcr).toArray());
            }
        }
        if (!problems.isEmpty()) {
            return new Plan.Done(new Reseal.Impossible(String.join("; ", problems)
                    + " (it was sealed for another boot, so its new value cannot be derived from this log)"));
        }
        return new Plan.Change(record, values);
    }

    private static Secret unseal(java.util.function.Supplier<Secret> unseal) {
        try {
            return unseal.get();
        } catch (TpmException e) {
            throw new UnsealRefused("the TPM does not release the current secret in this boot (" + e.getMessage()
                    + "); Custody extends PCR 4 once the boot step has unsealed, so nothing later can");
        }
    }

    /** Nothing was changed: an unseal failed during the checks. */
    private static final class UnsealRefused extends RuntimeException {
        UnsealRefused(String message) {
            super(message);
        }
    }
}
