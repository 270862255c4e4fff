package dev.custody.ownership.handoff;

import dev.custody.boot.manifest.BootVerifier;
import dev.custody.boot.manifest.Verification;
import dev.custody.common.Secret;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.Sha256;
import dev.custody.machine.Machine;
import dev.custody.machine.MachineOtp;
import dev.custody.openpgp.Keyring;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.reference.FirmwareKeyring;
import dev.custody.ownership.reference.ReferenceMeasurements;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.codec.binary.Base32;

/**
 * Does the machine on the desk match the manifest? Its TPM (endorsement key), its firmware (hash,
 * blobs, the PCRs it will produce), its /boot (signed list, every file), the PCRs it shows now,
 * and the TOTP secret only an unchanged machine can unseal, compared with the shipped one.
 */
public final class MachineCheck {
    private MachineCheck() {}

    /**
     * @param image the machine's firmware image: the lab's rom.bin, or this computer's as read by
     *              flashrom; empty means the firmware cannot be checked (reported, never passed)
     */
    public static List<Check> check(Machine machine, Optional<FirmwareImage> image, ReferenceMeasurements expected,
                                    Optional<OwnerSecrets> secrets, Tpm tpm) {
        List<Check> checks = new ArrayList<>();
        checks.add(identity(tpm, expected, secrets));
        checks.add(firmware(image, expected));
        checks.add(boot(machine, image, expected, tpm));
        checks.add(pcrs(tpm, expected));
        checks.add(totp(machine, tpm, expected, secrets));
        return checks;
    }

    private static Check identity(Tpm tpm, ReferenceMeasurements expected, Optional<OwnerSecrets> secrets) {
        String ek;
        try {
            ek = ReferenceMeasurements.endorsementKeySha256(tpm,
                    secrets.flatMap(s -> s.get(OwnerSecrets.TPM_OWNER_PASSPHRASE)).orElse(Secret.empty()));
        } catch (TpmException e) {
            return Check.notChecked("identity", e.getMessage());
        }
        return ek.equals(expected.endorsementKeySha256())
                ? Check.passed("identity", "the TPM's endorsement key is the one in the manifest (SHA-256 " + ek + ")")
                : Check.failed("identity", "the TPM's endorsement key differs from the manifest's: this is not the TPM "
                        + "that was prepared (SHA-256 " + ek + ", expected " + expected.endorsementKeySha256() + ")");
    }

    private static Check firmware(Optional<FirmwareImage> image, ReferenceMeasurements expected) {
        if (image.isEmpty()) {
            return Check.notChecked("firmware", "no firmware image to check: read it with flashrom and give it with --rom");
        }
        String hash = Sha256.hex(Sha256.of(image.get().bytes()));
        List<String> problems = new ArrayList<>();
        if (!hash.equals(expected.firmwareSha256())) {
            problems.add("the firmware image differs from the shipped one (SHA-256 " + hash + ", expected "
                    + expected.firmwareSha256() + ")");
        }
        List<ReferenceMeasurements.BlobEntry> blobs = dev.custody.firmware.inventory.BlobInventory.of(image.get()).stream()
                .map(b -> new ReferenceMeasurements.BlobEntry(b.kind().name(), b.location(), b.sha256())).toList();
        if (!blobs.equals(expected.blobs())) {
            problems.add("its binary blobs differ from the manifest's inventory");
        }
        SortedMap<Integer, String> predicted;
        try {
            predicted = ReferenceMeasurements.expectedPcrs(image.get(), Optional.empty(), expected.pcrBank());
        } catch (RuntimeException e) {
            problems.add("its measurements cannot be predicted: " + e.getMessage());
            predicted = new TreeMap<>();
        }
        for (int pcr : List.of(2, 7)) {
            String now = predicted.get(pcr);
            if (now != null && !now.equals(expected.expectedPcrs().get(pcr))) {
                problems.add("it measures to a different PCR " + pcr + (pcr == 2 ? " (coreboot's stages)" : " (the owner's "
                        + "keyring and settings)"));
            }
        }
        return problems.isEmpty()
                ? Check.passed("firmware", "the image is the shipped one (SHA-256 " + hash + ", " + blobs.size() + " blobs)")
                : Check.failed("firmware", String.join("; ", problems));
    }

    private static Check boot(Machine machine, Optional<FirmwareImage> image, ReferenceMeasurements expected, Tpm tpm) {
        Optional<Keyring> keyring;
        ReferenceMeasurements.BootReference now;
        try {
            keyring = image.flatMap(FirmwareKeyring::of);
            now = ReferenceMeasurements.boot(machine.bootDirectory(), keyring);
        } catch (RuntimeException e) {
            return Check.failed("boot", e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (!now.kexecSha256().equals(expected.boot().kexecSha256())) {
            problems.add("the signed hash list (kexec*.txt) differs from the shipped one");
        }
        if (!now.signatureSha256().equals(expected.boot().signatureSha256())) {
            problems.add("kexec.sig differs from the shipped one");
        }
        if (keyring.isPresent()) {
            Verification verification = BootVerifier.verify(machine.bootDirectory(), keyring.get(),
                    Optional.of(tpm::readCounter), false);
            verification.findings().forEach(f -> problems.add(f.file() + ": " + f.reason()));
        } else {
            problems.add("the firmware holds no keyring to verify /boot's files with");
        }
        return problems.isEmpty()
                ? Check.passed("boot", "/boot is the signed, shipped one" + now.signer().map(s -> " (signed by " + s + ")").orElse(""))
                : Check.failed("boot", String.join("; ", problems));
    }

    private static Check pcrs(Tpm tpm, ReferenceMeasurements expected) {
        SortedMap<Integer, byte[]> now = tpm.readPcrs(expected.pcrBank(), expected.expectedPcrs().keySet());
        List<String> differing = new ArrayList<>();
        expected.expectedPcrs().forEach((pcr, value) -> {
            if (!Sha256.hex(now.get(pcr)).equals(value)) {
                differing.add("PCR " + pcr);
            }
        });
        return differing.isEmpty()
                ? Check.passed("pcrs", "PCRs " + expected.expectedPcrs().keySet() + " hold the expected values")
                : Check.failed("pcrs", String.join(", ", differing) + (differing.size() == 1 ? " differs" : " differ")
                        + " from the manifest's expected values (was the machine powered on cleanly, without recovery?)");
    }

    private static Check totp(Machine machine, Tpm tpm, ReferenceMeasurements expected, Optional<OwnerSecrets> secrets) {
        Optional<Secret> shipped = secrets.flatMap(s -> s.get(OwnerSecrets.TOTP_SECRET));
        if (expected.totpPcrs().isEmpty()) {
            return Check.notChecked("totp", "the manifest says no TOTP secret was sealed");
        }
        if (shipped.isEmpty()) {
            return Check.notChecked("totp", secrets.isEmpty() ? "no shares given, so there is no shipped TOTP secret to compare"
                    : "the shares hold no TOTP secret");
        }
        List<Integer> sealedTo = machine.sealRecords().find(dev.custody.attest.SealedOtpSecret.HANDLE)
                .map(r -> r.policy().pcrs()).orElse(List.of());
        if (!sealedTo.equals(expected.totpPcrs())) {
            return Check.failed("totp", "the TOTP secret is sealed to PCRs " + sealedTo + ", the manifest says "
                    + expected.totpPcrs());
        }
        try (Secret unsealed = new MachineOtp(machine, tpm).unseal()) {
            byte[] shippedBytes = decodeBase32(shipped.get());
            boolean same = MessageDigest.isEqual(unsealed.bytes(), shippedBytes);
            java.util.Arrays.fill(shippedBytes, (byte) 0);
            return same
                    ? Check.passed("totp", "the TPM unsealed the TOTP secret (PCRs " + sealedTo + ") and it is the shipped one")
                    : Check.failed("totp", "the TPM unsealed a TOTP secret that is not the shipped one");
        } catch (TpmException e) {
            return Check.failed("totp", "the TPM refuses to unseal the TOTP secret: " + e.getMessage());
        }
    }

    private static byte[] decodeBase32(Secret base32) {
        String text = new String(base32.bytes(), StandardCharsets.US_ASCII).replaceAll("[\\s=]", "").toUpperCase(Locale.ROOT);
        return new Base32().decode(text);
    }
}
