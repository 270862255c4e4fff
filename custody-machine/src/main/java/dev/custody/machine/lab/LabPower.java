package dev.custody.machine.lab;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.firmware.predict.PredictedEvent;
import dev.custody.common.AtomicFiles;
import dev.custody.machine.LabMachine;
import dev.custody.machine.PredictedLogs;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import dev.custody.tpm.VirtualTpm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Switching a lab machine on: the TPM is reset, coreboot measures what it loads from the ROM
 * into PCR 2, Heads' cbfs-init measures the owner's files into PCR 7, and the measurements are
 * written as coreboot writes its log: SHA-256 and CBT2 on a TPM 2.0, SHA-1 and CBT1 on a
 * TPM 1.2 (coreboot's TPM1 path).
 */
public final class LabPower {
    private LabPower() {}

    public static PcrPrediction powerOn(LabMachine lab) {
        FirmwareImage image = readRom(lab);
        PcrPrediction measured = MeasurementPredictor.predict(image);
        VirtualTpm.startDaemon(lab.directory().resolve("tpm"));
        PcrBank bank;
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            tpm.powerControl().orElseThrow(() -> new TpmException("the lab's TPM cannot be power-cycled"))
                    .powerCycle();
            bank = tpm.sealingBank();
            for (PredictedEvent event : measured.events()) {
                tpm.extend(event.pcr(), Map.of(bank, PredictedLogs.digest(event, bank)));
            }
        }
        AtomicFiles.write(lab.eventLog(), PredictedLogs.toCorebootLog(measured, bank));
        return measured;
    }

    /** Stops the lab's virtual TPM; returns false when it was not running. */
    public static boolean stop(LabMachine lab) {
        return VirtualTpm.stopDaemon(lab.directory().resolve("tpm"));
    }

    static FirmwareImage readRom(LabMachine lab) {
        try {
            return FirmwareImage.read(lab.rom());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab ROM " + lab.rom(), e);
        }
    }
}
