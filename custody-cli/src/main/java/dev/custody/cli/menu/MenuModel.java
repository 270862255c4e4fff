package dev.custody.cli.menu;

import dev.custody.attest.OneTimePassword;
import dev.custody.attest.OneTimePassword.TotpCode;
import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.boot.entry.MenuLine;
import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.kexec.KexecPlanner;
import dev.custody.boot.manifest.Change;
import dev.custody.boot.manifest.ChangeReport;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.SignResult;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.policy.BootMode;
import dev.custody.boot.policy.BootPolicy;
import dev.custody.cli.boot.VerifyCommand;
import dev.custody.common.Secret;
import dev.custody.machine.Machine;
import dev.custody.machine.MachineOtp;
import dev.custody.machine.boot.BootCheck;
import dev.custody.machine.boot.Signing;
import dev.custody.machine.boot.TpmAccess;
import dev.custody.machine.recovery.Challenge;
import dev.custody.machine.recovery.RecoveryAuth;
import dev.custody.machine.recovery.RecoveryGate;
import dev.custody.machine.recovery.RecoveryGate.Proof;
import dev.custody.openpgp.GpgSigner;
import dev.custody.openpgp.Signer;
import dev.custody.openpgp.SoftwareSigner;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the boot menu does, apart from how it looks: verify, plan, sign, mark modes in PCR 4, and
 * the TOTP code. Like Heads, the TOTP secret is unsealed once (and on refresh) and kept until the
 * menu closes, so the code can be shown every second without asking the TPM each time.
 */
final class MenuModel implements AutoCloseable {
    private final Path boot;
    private final Optional<Path> keyring;
    private final Optional<Path> keyFile;
    private final Optional<Path> gpgHome;
    private final BootPolicy policy;
    private final TpmAccess tpm;
    private final Machine machine;
    private final RecoveryGate gate;
    private Optional<Secret> otpSecret = Optional.empty();
    private String otpProblem = "not unsealed yet";

    MenuModel(Machine machine, Optional<Path> keyring, Optional<Path> keyFile, Optional<Path> gpgHome, BootPolicy policy,
              RecoveryGate gate) {
        this.machine = machine;
        this.gate = gate;
        this.boot = machine.bootDirectory();
        this.tpm = TpmAccess.of(machine.tpm());
        this.keyring = keyring;
        this.keyFile = keyFile;
        this.gpgHome = gpgHome;
        this.policy = policy;
    }

    /** Unseals the TOTP secret again; a refusal (changed measurements) becomes the status shown. */
    void refreshOtp() {
        otpSecret.ifPresent(Secret::close);
        otpSecret = Optional.empty();
        try (Tpm opened = tpm.open()) {
            otpSecret = Optional.of(new MachineOtp(machine, opened).unseal());
        } catch (RuntimeException e) {
            otpProblem = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        }
    }

    /** "TOTP: 123456 (17 s)", or why there is no code. */
    String totpStatus() {
        return otpSecret.map(secret -> {
            TotpCode code = OneTimePassword.totp(secret.bytes(), Instant.now());
            return "TOTP: " + code.code() + " (" + code.secondsLeft() + " s)";
        }).orElse("TOTP: none, " + otpProblem);
    }

    @Override
    public void close() {
        otpSecret.ifPresent(Secret::close);
    }

    BootPolicy policy() {
        return policy;
    }

    Path boot() {
        return boot;
    }

    /** Without a keyring nothing can be verified, and that is a failure, not a pass. */
    Verification verify() {
        if (keyring.isEmpty()) {
            throw new IllegalStateException("no keyring given (--keyring): /boot cannot be verified");
        }
        return BootCheck.verify(boot, keyring.get(), tpm, policy.requireRollback());
    }

    /** What signing would cover: to choose a default before signing, or an entry to boot (planned only once verified). */
    List<FoundEntry> entries() {
        return BootEntries.scan(boot, BootContent.toBeSigned(boot)).entries();
    }

    Optional<BootEntry> defaultEntry() {
        KexecFiles kexec = KexecFiles.read(boot);
        return kexec.defaults().stream().findFirst().flatMap(d -> kexec.text(d.file())).map(MenuLine::parse);
    }

    /** A verified boot plans the chosen entry only as read from signed configs, loading only signed files. */
    KexecPlan planVerified(BootEntry chosen, Verification verification) {
        BootEntry signed = verification.signedEntry(chosen.menuLine()).orElseThrow(() -> new IllegalStateException(
                "the entry '" + chosen.name() + "' is not read from a signed boot config; it is not booted as verified"));
        return plan(signed, new BootMode.Verified());
    }

    KexecPlan plan(BootEntry entry, BootMode mode) {
        return KexecPlanner.plan(boot, entry, BootMode.parameters(mode, policy), Path.of("/run/custody/initrd.img"));
    }

    /**
     * Restricted mode refuses; otherwise the recovery authentication is checked and only then PCR 4
     * records the unsafe boot, before anything else happens.
     */
    BootMode force(String why, Proof proof) {
        BootMode.forced(policy, why);
        return gate.enter(new RecoveryGate.Request.ForcedBoot(why), proof).mode();
    }

    void recovery(Proof proof) {
        BootMode.recovery(policy);
        gate.enter(new RecoveryGate.Request.Recovery(), proof);
    }

    /** What the forced boot and the recovery shell ask for first. */
    RecoveryAuth recoveryAuth() {
        return gate.settings().auth();
    }

    Challenge recoveryChallenge() {
        return gate.challenge();
    }

    /** "2 failed recovery attempts since the last boot", when there were any. */
    Optional<String> failedRecoveryAttempts() {
        try {
            return gate.failuresSinceLastBoot().filter(n -> n > 0)
                    .map(dev.custody.cli.lab.LabPowerOnCommand::failedRecoveryText);
        } catch (RuntimeException e) {
            return Optional.of("failed recovery attempts: unknown (" + e.getMessage() + ")");
        }
    }

    List<Change> changes() {
        return ChangeReport.compare(boot);
    }

    boolean needsPassphrase() {
        return keyFile.isPresent();
    }

    boolean canSign() {
        return keyFile.isPresent() || gpgHome.isPresent();
    }

    SignResult sign(Secret passphrase, OptionalInt defaultIndex) {
        Signer signer = keyFile.isPresent() ? SoftwareSigner.unlock(keyFile.get(), passphrase)
                : new GpgSigner(gpgHome.orElseThrow(() -> new IllegalStateException("no signing key given (--key or --gpg-home)")),
                        Optional.empty());
        try (Secret ownerAuth = Secret.empty()) {
            return Signing.sign(boot, signer, defaultIndex, tpm, ownerAuth);
        }
    }

    TpmInfo tpmInfo() {
        try (Tpm opened = tpm.open()) {
            return opened.info();
        }
    }

    void resetTpm() {
        try (Tpm opened = tpm.open(); Secret lockout = Secret.empty()) {
            opened.clear(lockout);
        }
    }
}
