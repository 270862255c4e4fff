package dev.custody.machine.boot;

import dev.custody.attest.OneTimePassword;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.kexec.KexecPlanner;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.policy.BootMode;
import dev.custody.boot.policy.BootPolicy;
import dev.custody.common.Secret;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.LabMachine;
import dev.custody.machine.MachineOtp;
import dev.custody.machine.lab.BootHistory;
import dev.custody.machine.lab.LabPower;
import dev.custody.machine.recovery.FailedAttempts;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Heads' boot sequence on a lab machine, as one object: power-cycle and measure, show the TOTP,
 * verify /boot against the keyring in the firmware (rollback counter included), release the disk
 * unlock key to the verified kernel, plan the kexec of the signed default entry, and remember
 * the boot. Each step's outcome goes into the report; nothing here prints.
 */
public final class LabBootFlow {
    /** Where the kexec plan's joined initrd would be written on a real machine. */
    private static final Path JOINED_INITRD = BootPlanning.JOINED_INITRD;

    private final LabMachine lab;

    public LabBootFlow(LabMachine lab) {
        this.lab = lab;
    }

    public PowerOnReport powerOn(Optional<Path> diskPassphraseFile) {
        DiskUnlock.forgetKeyInitrd(lab);
        var measured = LabPower.powerOn(lab).events();
        PowerOnReport.Totp totp = totp();
        PowerOnReport.Boot boot = checkBoot();
        long failedRecovery = failedRecoveryAttempts(boot.verified());
        if (!(boot instanceof PowerOnReport.Boot.Checked checked) || !checked.verification().ok()) {
            return new PowerOnReport(measured, totp, boot, Optional.empty(), Optional.empty(), failedRecovery);
        }
        Verification verification = checked.verification();
        BootHistory.of(lab).remember(lab.bootDirectory());
        Optional<BootEntry> entry = verification.signedDefault();
        if (entry.isEmpty()) {
            return new PowerOnReport(measured, totp, boot, Optional.empty(), Optional.of(new PowerOnReport.Plan.NotPlanned(
                    "no default entry is signed in " + lab.bootDirectory() + " (custody boot sign --default N)")), failedRecovery);
        }
        DiskStep.Outcome disk = DiskStep.run(lab, entry.get(), diskPassphraseFile);
        Optional<Path> initrd = disk instanceof DiskStep.Outcome.Released released ? Optional.of(released.initrd()) : Optional.empty();
        KexecPlan plan = KexecPlanner.plan(lab.bootDirectory(), entry.get(),
                BootMode.parameters(new BootMode.Verified(), BootPolicy.DEFAULT), JOINED_INITRD, initrd);
        return new PowerOnReport(measured, totp, boot, Optional.of(disk),
                Optional.of(new PowerOnReport.Plan.Planned(BootPlanning.verifiedHeader(entry.get()), plan)), failedRecovery);
    }

    /** Shown at every power-on; only a successful (verified) boot starts the count again. */
    private long failedRecoveryAttempts(boolean successfulBoot) {
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            FailedAttempts attempts = new FailedAttempts(tpm, lab.stateDirectory());
            if (!attempts.counterExists()) {
                return 0;
            }
            return successfulBoot ? attempts.boot(Instant.now()) : attempts.sinceLastBoot(Instant.now());
        }
    }

    private PowerOnReport.Totp totp() {
        if (lab.sealRecords().find(SealedOtpSecret.HANDLE).isEmpty()) {
            return new PowerOnReport.Totp.NotSealed("custody totp seal --machine " + lab.directory());
        }
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret secret = new MachineOtp(lab, tpm).unseal()) {
            OneTimePassword.TotpCode code = OneTimePassword.totp(secret.bytes(), Instant.now());
            return new PowerOnReport.Totp.Shown(code.code(), code.secondsLeft());
        } catch (TpmException refusal) {
            return new PowerOnReport.Totp.Refused(refusal.getMessage());
        }
    }

    /** As Heads does before booting: /boot verified against the keyring in the firmware. */
    private PowerOnReport.Boot checkBoot() {
        Path boot = lab.bootDirectory();
        if (!Files.exists(boot.resolve(KexecFiles.SIGNATURE))) {
            return new PowerOnReport.Boot.NotSigned("custody boot sign --boot " + boot + " --key KEY.asc --tpm vtpm:"
                    + lab.directory().resolve("tpm"));
        }
        Optional<Path> keyring = lab.firmwareKeyring();
        if (keyring.isEmpty()) {
            return new PowerOnReport.Boot.NoKeyring(HeadsFiles.PUBRING);
        }
        return new PowerOnReport.Boot.Checked(BootCheck.verify(boot, keyring.get(), TpmAccess.of(lab.tpm()), false));
    }
}
