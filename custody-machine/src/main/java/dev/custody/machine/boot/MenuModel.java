package dev.custody.machine.boot;

import dev.custody.attest.OneTimePassword;
import dev.custody.attest.OneTimePassword.TotpCode;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.manifest.Change;
import dev.custody.boot.manifest.ChangeReport;
import dev.custody.boot.manifest.SignResult;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.policy.BootMode;
import dev.custody.boot.policy.BootPolicy;
import dev.custody.common.Secret;
import dev.custody.common.TerminalText;
import dev.custody.machine.Machine;
import dev.custody.machine.MachineOtp;
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
public final class MenuModel implements AutoCloseable {
    private final Path boot;
    private final Optional<Path> keyring;
    private final Optional<Path> keyFile;
    private final Optional<Path> gpgHome;
    private final BootPolicy policy;
    private final TpmAccess tpm;
    private final Machine machine;
    private final RecoveryGate gate;
    private final BootPlanning planning;
    private Optional<Secret> otpSecret = Optional.empty();
    private String otpProblem = "not unsealed yet";

    public MenuModel(Machine machine, Optional<Path> keyring, Optional<Path> keyFile, Optional<Path> gpgHome, BootPolicy policy,
              RecoveryGate gate) {
        this.machine = machine;
        this.gate = gate;
        this.boot = machine.bootDirectory();
        this.tpm = TpmAccess.of(machine.tpm());
        this.keyring = keyring;
        this.keyFile = keyFile;
        this.gpgHome = gpgHome;
        this.policy = policy;
        this.planning = new BootPlanning(boot, policy);
    }

    /** Unseals the TOTP secret again; a refusal (changed measurements) becomes the status shown. */
    public void refreshOtp() {
        otpSecret.ifPresent(Secret::close);
        otpSecret = Optional.empty();
        try (Tpm opened = tpm.open()) {
            otpSecret = Optional.of(new MachineOtp(machine, opened).unseal());
        } catch (RuntimeException e) {
            otpProblem = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        }
    }

    /** "TOTP: 123456 (17 s)", or why there is no code. */
    public String totpStatus() {
        return otpSecret.map(secret -> {
            TotpCode code = OneTimePassword.totp(secret.bytes(), Instant.now());
            return "TOTP: " + code.code() + " (" + code.secondsLeft() + " s)";
        }).orElse("TOTP: none, " + otpProblem);
    }

    @Override
    public void close() {
        otpSecret.ifPresent(Secret::close);
    }

    public BootPolicy policy() {
        return policy;
    }

    public Path boot() {
        return boot;
    }

    /** Without a keyring nothing can be verified, and that is a failure, not a pass. */
    public Verification verify() {
        if (keyring.isEmpty()) {
            throw new IllegalStateException("no keyring given (--keyring): /boot cannot be verified");
        }
        return BootCheck.verify(boot, keyring.get(), tpm, policy.requireRollback());
    }

    /** What signing would cover: to choose a default before signing, or an entry to boot (planned only once verified). */
    public List<FoundEntry> entries() {
        return planning.entries();
    }

    /** The entry that boots by itself after the countdown: the signed default, when the settings ask for auto-boot and /boot verified. */
    public Optional<BootEntry> autoBootEntry() {
        return policy.autoBootTimeout().isEmpty() ? Optional.empty() : verify().signedDefault();
    }

    public Optional<BootEntry> defaultEntry() {
        return planning.savedDefault();
    }

    /** A verified boot plans the chosen entry only as read from signed configs, loading only signed files. */
    public KexecPlan planVerified(BootEntry chosen, Verification verification) {
        return planning.planVerified(chosen, verification).kexec();
    }

    public KexecPlan plan(BootEntry entry, BootMode mode) {
        return planning.planAs(entry, mode).kexec();
    }

    /**
     * Restricted mode refuses; otherwise the recovery authentication is checked and only then PCR 4
     * records the unsafe boot, before anything else happens.
     */
    public BootMode force(String why, Proof proof) {
        BootMode.forced(policy, why);
        return gate.enter(new RecoveryGate.Request.ForcedBoot(why), proof).mode();
    }

    public void recovery(Proof proof) {
        BootMode.recovery(policy);
        gate.enter(new RecoveryGate.Request.Recovery(), proof);
    }

    /** What the forced boot and the recovery shell ask for first. */
    public RecoveryAuth recoveryAuth() {
        return gate.settings().auth();
    }

    public Challenge recoveryChallenge() {
        return gate.challenge();
    }

    /** "2 failed recovery attempts since the last boot", when there were any. */
    public Optional<String> failedRecoveryAttempts() {
        try {
            return gate.failuresSinceLastBoot().filter(n -> n > 0)
                    .map(PowerOnReport::failedRecoveryText);
        } catch (RuntimeException e) {
            return Optional.of("failed recovery attempts: unknown (" + e.getMessage() + ")");
        }
    }

    public List<Change> changes() {
        return ChangeReport.compare(boot);
    }

    public boolean needsPassphrase() {
        return keyFile.isPresent();
    }

    public boolean canSign() {
        return keyFile.isPresent() || gpgHome.isPresent();
    }

    public SignResult sign(Secret passphrase, OptionalInt defaultIndex) {
        Signer signer = keyFile.isPresent() ? SoftwareSigner.unlock(keyFile.get(), passphrase)
                : new GpgSigner(gpgHome.orElseThrow(() -> new IllegalStateException("no signing key given (--key or --gpg-home)")),
                        Optional.empty());
        try (Secret ownerAuth = Secret.empty()) {
            return Signing.sign(boot, signer, defaultIndex, tpm, ownerAuth);
        }
    }

    /** What the menu's System info shows: /boot, its entries, and the TPM. */
    public String systemInfo() {
        TpmInfo info;
        try (Tpm opened = tpm.open()) {
            info = opened.info();
        }
        return "/boot: " + boot + "\nBoot entries: " + entries().size()
                + "\nTPM: " + TerminalText.escape(info.manufacturer() + " " + info.vendorString()) + ", firmware " + info.firmwareVersion()
                + "\nPCR banks: " + info.activeBanks();
    }

    public void resetTpm() {
        try (Tpm opened = tpm.open(); Secret lockout = Secret.empty()) {
            opened.clear(lockout);
        }
    }
}
