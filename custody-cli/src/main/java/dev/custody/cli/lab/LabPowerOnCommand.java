package dev.custody.cli.lab;

import dev.custody.attest.OneTimePassword;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.machine.LabMachine;
import dev.custody.machine.MachineOtp;
import dev.custody.machine.lab.LabPower;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "power-on", mixinStandardHelpOptions = true,
        description = {"Switch the lab machine on.",
            "Power-cycles its TPM, measures the ROM as coreboot does (PCR 2) and the owner's files as Heads'",
            "cbfs-init does (PCR 7), writes a coreboot TPM 2.0 log (DIR/eventlog.bin), then shows the TOTP code,",
            "or why the TPM refuses it."})
final class LabPowerOnCommand implements Callable<Integer> {
    static final int TOTP_REFUSED = 3;

    @Parameters(paramLabel = "DIR")
    Path directory;

    @Override
    public Integer call() {
        LabMachine lab = new LabMachine(directory);
        PcrPrediction measured = LabPower.powerOn(lab);
        System.out.println("Measured:");
        measured.events().forEach(e -> System.out.printf("  PCR %d  %-40s %s%n", e.pcr(), e.description(),
                HexFormat.of().formatHex(e.sha256()).substring(0, 16)));
        return showTotp(lab);
    }

    private static int showTotp(LabMachine lab) {
        if (lab.sealRecords().find(SealedOtpSecret.HANDLE).isEmpty()) {
            System.out.println("TOTP:  not sealed yet (custody totp seal --machine " + lab.directory() + ")");
            return 0;
        }
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret secret = new MachineOtp(lab, tpm).unseal()) {
            OneTimePassword.TotpCode code = OneTimePassword.totp(secret.bytes(), Instant.now());
            System.out.printf("TOTP:  %s (valid for %d s): compare it with your phone%n", code.code(), code.secondsLeft());
            return 0;
        } catch (TpmException refusal) {
            System.out.println("TOTP:  NONE. The TPM refuses the secret: this machine changed.");
            System.out.println("       " + refusal.getMessage().replace("; ", "\n       "));
            return TOTP_REFUSED;
        }
    }
}
