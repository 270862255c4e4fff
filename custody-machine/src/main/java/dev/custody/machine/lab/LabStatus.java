package dev.custody.machine.lab;

import static dev.custody.common.JsonMaps.object;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.manifest.BootVerifier;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.rollback.TpmRollbackCounter;
import dev.custody.common.Secret;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.LabMachine;
import dev.custody.openpgp.Keyring;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import dev.custody.tpm.VirtualTpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lab machine at a glance, without changing it: whether it is on, what is sealed in its TPM,
 * and whether its /boot verifies against the keyring in its firmware.
 *
 * @param boot empty when /boot was never signed or the firmware holds no keyring (see {@link #bootUnverifiableReason})
 */
public record LabStatus(Path directory, boolean on, Optional<SealRecord> totp, Optional<SealRecord> diskKey,
                        Optional<Verification> boot, Optional<String> bootUnverifiableReason) {

    public static LabStatus of(LabMachine lab) {
        boolean on = VirtualTpm.status(lab.directory().resolve("tpm")).isPresent();
        Optional<SealRecord> totp = lab.sealRecords().find(SealedOtpSecret.HANDLE);
        Optional<SealRecord> diskKey = lab.sealRecords().find(DiskUnlock.HANDLE);
        if (!Files.exists(lab.bootDirectory().resolve(KexecFiles.SIGNATURE))) {
            return new LabStatus(lab.directory(), on, totp, diskKey, Optional.empty(), Optional.of("/boot is not signed yet"));
        }
        Optional<Path> keyring = lab.firmwareKeyring();
        if (keyring.isEmpty()) {
            return new LabStatus(lab.directory(), on, totp, diskKey, Optional.empty(),
                    Optional.of("the firmware holds no owner keyring"));
        }
        // Reading the rollback counter changes nothing; on a machine that is off it starts the TPM just for that.
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            Verification verification = BootVerifier.verify(lab.bootDirectory(), Keyring.load(keyring.get()),
                    Optional.of(new TpmRollbackCounter(tpm, Secret.empty())), false);
            return new LabStatus(lab.directory(), on, totp, diskKey, Optional.of(verification), Optional.empty());
        }
    }

    /** What 'lab status' prints. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(directory).append(": ").append(on ? "on" : "off (custody lab power-on DIR)").append('\n');
        out.append("  TOTP/HOTP secret: ").append(totp.map(r -> "sealed to PCRs " + r.policy().pcrList())
                .orElse("not sealed (custody totp seal --machine DIR)")).append('\n');
        out.append("  disk unlock key:  ").append(diskKey.map(r -> "sealed to PCRs " + r.policy().pcrList()
                + " and a passphrase").orElse("not set up")).append('\n');
        out.append("  /boot:            ").append(boot.map(v -> v.ok() ? "verified"
                : "NOT VERIFIED (" + v.problemCount() + ")")
                .orElseGet(() -> "cannot be verified: " + bootUnverifiableReason.orElse("")));
        boot.ifPresent(v -> v.findings().forEach(f -> out.append("\n    ").append(f.file()).append(": ").append(f.reason())));
        return out.toString();
    }

    /** The same as 'lab status --json' reports it. */
    public Map<String, Object> toJson() {
        return object("directory", directory.toString(), "on", on, "totp", seal(totp), "diskKey", seal(diskKey),
                "boot", object("verified", boot.map(Verification::ok).orElse(false),
                        "findings", boot.map(v -> v.findings().stream().map(f -> object("file", f.file(), "reason", f.reason())).toList())
                                .orElse(List.of()),
                        "reason", bootUnverifiableReason.orElse(null)));
    }

    private static Map<String, Object> seal(Optional<SealRecord> record) {
        return object("sealed", record.isPresent(), "pcrs", record.map(r -> r.policy().pcrs()).orElse(List.of()));
    }
}
