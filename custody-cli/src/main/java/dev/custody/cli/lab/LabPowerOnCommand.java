package dev.custody.cli.lab;

import dev.custody.attest.OneTimePassword;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.LabMachine;
import dev.custody.machine.MachineOtp;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.Verification;
import dev.custody.cli.Main;
import dev.custody.cli.boot.TpmAccess;
import dev.custody.cli.boot.VerifyCommand;
import dev.custody.cli.disk.BootDiskUnlock;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.lab.BootHistory;
import dev.custody.machine.lab.LabKeys;
import dev.custody.machine.lab.LabPower;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmInfo;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "power-on", mixinStandardHelpOptions = true,
        description = {"Switch the lab machine on.",
            "Power-cycles its TPM, measures the ROM as coreboot does (PCR 2) and the owner's files as Heads'",
            "cbfs-init does (PCR 7), writes a coreboot log (DIR/eventlog.bin; SHA-256 CBT2 on a TPM 2.0, SHA-1",
            "CBT1 on a TPM 1.2), then shows the TOTP code,",
            "or why the TPM refuses it. Once /boot verified, --disk-passphrase-file releases the disk unlock key to",
            "the default entry's kernel, as Heads does before kexec."})
public final class LabPowerOnCommand implements Callable<Integer> {
    public static final int TOTP_REFUSED = 3;
    public static final int BOOT_REFUSED = 4;
    public static final int DISK_KEY_REFUSED = 5;

    @Parameters(paramLabel = "DIR")
    Path directory;

    @Option(names = "--disk-passphrase-file", paramLabel = "F",
            description = "Release the TPM disk unlock key with this passphrase once /boot verified.")
    Path diskPassphrase;

    @Override
    public Integer call() {
        LabMachine lab = LabMachine.existing(directory);
        DiskUnlock.forgetKeyInitrd(lab);
        PcrPrediction measured = LabPower.powerOn(lab);
        System.out.println("Measured:");
        boolean sha1 = lab.tpmFamily().equals(TpmInfo.FAMILY_1_2);
        measured.events().forEach(e -> System.out.printf("  PCR %d  %-40s %s%n", e.pcr(), e.description(),
                HexFormat.of().formatHex(sha1 ? e.sha1() : e.sha256()).substring(0, 16)));
        int totp = showTotp(lab);
        int boot = checkBoot(lab, Optional.ofNullable(diskPassphrase));
        return totp != 0 ? totp : boot;
    }

    /** As Heads does before booting: /boot verified against the keyring in the firmware, then the plan. */
    private static int checkBoot(LabMachine lab, Optional<Path> diskPassphrase) {
        Path boot = lab.bootDirectory();
        if (!Files.exists(boot.resolve(KexecFiles.SIGNATURE))) {
            System.out.println("/boot: not signed yet, so nothing would be booted (custody boot sign --boot " + boot
                    + " --key KEY.asc --tpm vtpm:" + lab.directory().resolve("tpm") + ")");
            return BOOT_REFUSED;
        }
        Path keyring = lab.stateDirectory().resolve("firmware-keyring.kbx");
        if (LabKeys.exportKeyring(lab, keyring).isEmpty()) {
            System.out.println("/boot: NOT VERIFIED: the firmware holds no owner keyring (" + HeadsFiles.PUBRING + ")");
            return BOOT_REFUSED;
        }
        Verification verification = VerifyCommand.verify(boot, keyring, TpmAccess.of(lab.tpm()), false);
        System.out.println(VerifyCommand.text(boot, verification));
        if (!verification.ok()) {
            return BOOT_REFUSED;
        }
        BootHistory.of(lab).remember(boot);
        BootDiskUnlock.Result disk = BootDiskUnlock.run(lab, diskPassphrase);
        System.out.println("Boot plan (on a lab machine it is written, not executed):");
        List<String> plan = new ArrayList<>(List.of("boot", "plan", "--boot", boot.toString(), "--default",
                "--keyring", keyring.toString(), "--tpm", "vtpm:" + lab.directory().resolve("tpm")));
        disk.initrd().ifPresent(initrd -> plan.addAll(List.of("--initrd", initrd.toString())));
        if (Main.run(plan.toArray(String[]::new)) != 0) {
            return BOOT_REFUSED;
        }
        return disk.refused() ? DISK_KEY_REFUSED : 0;
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
