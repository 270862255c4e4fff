package dev.custody.machine;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A firmware update of a machine whose firmware is a file (a lab's rom.bin) that keeps the owner's
 * TOTP working: once the new ROM is
 * written and verified, and before the next power-on, the measurements it will produce are
 * predicted and the same secret is resealed to them, so the phone needs no re-enrolment. Heads
 * cannot do this; it reseals after the reboot.
 */
public final class FirmwareUpdate {
    /** What happened to the TOTP secret. */
    public sealed interface Reseal {
        record Predicted(SortedMap<Integer, byte[]> pcrs) implements Reseal {}

        record NotSealed() implements Reseal {}

        /** Prediction was impossible; the owner enrols a new secret after powering on. */
        record Impossible(String reason) implements Reseal {}
    }

    public record Report(Path backup, List<String> carriedOver, Reseal reseal) {}

    private FirmwareUpdate() {}

    public static Report flash(Machine machine, FirmwareImage next, boolean keepSettings, Path backup, Secret ownerAuth) {
        Path rom = machine.firmwareImageFile().orElseThrow(() -> new IllegalArgumentException(
                "this machine's firmware is not a file Custody can write; flash it with flashrom"));
        FirmwareImage current = read(rom);
        if (next.size() != current.size()) {
            throw new IllegalArgumentException("the new image has " + next.size() + " bytes but the flash chip has "
                    + current.size() + "; refusing to write it");
        }
        FirmwareImage image = keepSettings ? FirmwareImage.parse(HeadsFiles.carryOver(current, next)) : next;
        List<String> carried = keepSettings ? HeadsFiles.ownerFiles(current).stream().map(f -> f.name()).toList() : List.of();
        AtomicFiles.write(backup, current.bytes());
        AtomicFiles.write(rom, image.bytes());
        if (!Arrays.equals(read(rom).bytes(), image.bytes())) {
            throw new IllegalStateException(rom + " does not read back as written; the previous image is in " + backup);
        }
        // Only once the new image is verifiably in place: a secret resealed for an image that
        // failed to write would be lost at the next power-on. The PCRs still hold this boot's values.
        return new Report(backup, carried, reseal(machine, image, ownerAuth));
    }

    private static Reseal reseal(Machine machine, FirmwareImage image, Secret ownerAuth) {
        Optional<SealRecord> record = machine.sealRecords().find(SealedOtpSecret.HANDLE);
        if (record.isEmpty()) {
            return new Reseal.NotSealed();
        }
        Optional<List<String>> measuredNames = PredictedLogs.corebootSequence(machine);
        if (measuredNames.isEmpty()) {
            return new Reseal.Impossible("no measurement log of the current boot says what coreboot measures");
        }
        PcrPrediction predicted;
        try {
            predicted = MeasurementPredictor.predict(image, measuredNames.get());
        } catch (IllegalArgumentException e) {
            return new Reseal.Impossible(e.getMessage());
        }
        // PCRs the firmware does not touch keep the values they had when the secret was sealed.
        // The record's bank is the TPM's: SHA-1 on a TPM 1.2, SHA-256 on a TPM 2.0.
        PcrBank bank = record.get().bank();
        SortedMap<Integer, byte[]> expected = new TreeMap<>(record.get().values());
        PredictedLogs.values(predicted, bank).forEach((pcr, value) -> {
            if (expected.containsKey(pcr)) {
                expected.put(pcr, value);
            }
        });
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            MachineOtp otp = new MachineOtp(machine, tpm, ownerAuth);
            try (Secret secret = otp.unseal()) {
                otp.reseal(secret, record.get().policy().pcrs(), expected, Optional.of(PredictedLogs.toCorebootLog(predicted, bank)));
            }
        } catch (TpmException e) {
            return new Reseal.Impossible("the current secret cannot be unsealed (" + e.getMessage() + ")");
        }
        return new Reseal.Predicted(expected);
    }

    private static FirmwareImage read(Path rom) {
        try {
            return FirmwareImage.read(rom);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + rom, e);
        }
    }
}
