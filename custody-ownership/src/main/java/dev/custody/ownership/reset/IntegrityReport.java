package dev.custody.ownership.reset;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.manifest.BootVerifier;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.Verification;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.Machine;
import dev.custody.openpgp.Keyring;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.Tpm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What is signed, sealed and measured before the reset wipes it: the owner sees what they are
 * about to replace, and an unexpected state (a /boot that does not verify) is visible first.
 */
final class IntegrityReport {
    private IntegrityReport() {}

    static List<String> of(Machine machine, Tpm tpm, Optional<FirmwareImage> firmware) {
        List<String> lines = new ArrayList<>();
        Optional<Path> keyring = firmware.flatMap(image -> firmware(image, lines));
        if (firmware.isEmpty()) {
            lines.add("Firmware: not read (this computer's flash is not changed by the reset)");
        }
        boot(machine, tpm, keyring, lines);
        sealed(machine, lines);
        lines.add("Measurement log of this boot: " + machine.measurementLog()
                .map(log -> log.length + " bytes").orElse("none"));
        keyring.ifPresent(IntegrityReport::delete);
        return lines;
    }

    private static Optional<Path> firmware(FirmwareImage image, List<String> lines) {
        lines.add("Firmware: " + image.size() + " bytes, SHA-256 " + HexFormat.of().formatHex(sha256(image.bytes())));
        Optional<CbfsFile> pubring = image.cbfs(Optional.empty()).file(HeadsFiles.PUBRING);
        if (pubring.isEmpty()) {
            lines.add("  owner keyring (" + HeadsFiles.PUBRING + "): none");
            return Optional.empty();
        }
        try {
            Path file = Files.createTempFile("custody-keyring-", ".kbx");
            Files.write(file, pubring.get().contents());
            lines.add("  owner keyring: " + Keyring.load(file).size() + " key(s)");
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file", e);
        }
    }

    private static void boot(Machine machine, Tpm tpm, Optional<Path> keyring, List<String> lines) {
        Path boot = machine.bootDirectory();
        if (!Files.exists(boot.resolve(KexecFiles.SIGNATURE))) {
            lines.add("/boot: not signed");
        } else if (keyring.isEmpty()) {
            lines.add("/boot: signed, but there is no keyring in the firmware to verify it with");
        } else {
            Verification v = BootVerifier.verify(boot, Keyring.load(keyring.get()), Optional.of(tpm::readCounter), false);
            lines.add(v.ok() ? "/boot: signed and verified (" + v.filesHashed() + " files)"
                    : "/boot: signed but NOT VERIFIED (" + v.findings().size() + " problem(s), first: "
                    + v.findings().getFirst().file() + ": " + v.findings().getFirst().reason() + ")");
        }
    }

    private static void sealed(Machine machine, List<String> lines) {
        Optional<SealRecord> otp = machine.sealRecords().find(SealedOtpSecret.HANDLE);
        lines.add("TOTP/HOTP secret: " + otp.map(r -> "sealed to PCRs " + r.policy().pcrs()).orElse("not sealed"));
    }

    static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file holds only public keys.
        }
    }
}
