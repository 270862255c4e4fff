package dev.custody.cli.menu;

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
import dev.custody.boot.pgp.GpgSigner;
import dev.custody.boot.pgp.Signer;
import dev.custody.boot.pgp.SoftwareSigner;
import dev.custody.boot.policy.BootMode;
import dev.custody.boot.policy.BootPolicy;
import dev.custody.cli.boot.Signing;
import dev.custody.cli.boot.VerifyCommand;
import dev.custody.cli.tpm.TpmOptions;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What the boot menu does, apart from how it looks: verify, plan, sign, mark modes in PCR 4. */
final class MenuModel {
    private final Path boot;
    private final Optional<Path> keyring;
    private final Optional<Path> keyFile;
    private final Optional<Path> gpgHome;
    private final BootPolicy policy;
    private final TpmOptions tpmOptions;

    MenuModel(Path boot, Optional<Path> keyring, Optional<Path> keyFile, Optional<Path> gpgHome, BootPolicy policy, TpmOptions tpmOptions) {
        this.boot = boot;
        this.keyring = keyring;
        this.keyFile = keyFile;
        this.gpgHome = gpgHome;
        this.policy = policy;
        this.tpmOptions = tpmOptions;
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
        return VerifyCommand.verify(boot, keyring.get(), tpmOptions, policy.requireRollback());
    }

    List<FoundEntry> entries() {
        return BootEntries.scan(boot);
    }

    Optional<BootEntry> defaultEntry() {
        KexecFiles kexec = KexecFiles.read(boot);
        return kexec.defaults().stream().findFirst().flatMap(d -> kexec.text(d.file())).map(MenuLine::parse);
    }

    KexecPlan plan(BootEntry entry, BootMode mode) {
        return KexecPlanner.plan(boot, entry, BootMode.parameters(mode, policy), Path.of("/run/custody/initrd.img"));
    }

    /** Restricted mode refuses; otherwise PCR 4 records the unsafe boot before anything else happens. */
    BootMode force(String why) {
        BootMode forced = BootMode.forced(policy, why);
        try (Tpm tpm = tpmOptions.open()) {
            BootMode.measure(forced, tpm);
        }
        return forced;
    }

    void recovery() {
        BootMode recovery = BootMode.recovery(policy);
        try (Tpm tpm = tpmOptions.open()) {
            BootMode.measure(recovery, tpm);
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
            return Signing.sign(boot, signer, defaultIndex, tpmOptions, ownerAuth);
        }
    }

    TpmInfo tpmInfo() {
        try (Tpm tpm = tpmOptions.open()) {
            return tpm.info();
        }
    }

    void resetTpm() {
        try (Tpm tpm = tpmOptions.open(); Secret lockout = Secret.empty()) {
            tpm.clear(lockout);
        }
    }
}
