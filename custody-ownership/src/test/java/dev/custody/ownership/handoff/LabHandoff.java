package dev.custody.ownership.handoff;

import dev.custody.attest.OtpUri;
import dev.custody.boot.manifest.BootSigner;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.machine.LabMachine;
import dev.custody.machine.MachineOtp;
import dev.custody.machine.lab.LabCreator;
import dev.custody.machine.lab.LabKeys;
import dev.custody.machine.lab.LabPower;
import dev.custody.openpgp.GeneratedKey;
import dev.custody.openpgp.KeyAlgorithm;
import dev.custody.openpgp.OpenPgpKeys;
import dev.custody.openpgp.PublicKeys;
import dev.custody.openpgp.SoftwareSigner;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.ownership.reference.ReferenceMeasurements;
import dev.custody.seals.Region;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.PairKind;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.imageio.ImageIO;

/**
 * A lab machine prepared as a provisioner would, until the reset wizard exists: key in the
 * firmware, /boot signed, TOTP sealed, powered on; plus the secrets file the reset would save.
 */
public record LabHandoff(LabMachine lab, GeneratedKey key, Path keyFile, String totpBase32) {
    public static final String KEY_PASSPHRASE = "provisioner passphrase";

    public static LabHandoff prepare(Path directory) {
        LabMachine lab = LabCreator.create(directory);
        OwnershipFiles files = OwnershipFiles.of(lab);
        GeneratedKey key;
        try (Secret passphrase = secret(KEY_PASSPHRASE)) {
            key = OpenPgpKeys.generate("Provisioner <shop@example.org>", KeyAlgorithm.ED25519, passphrase);
        }
        AtomicFiles.writePrivate(files.ownerSecretKey(), key.armoredSecretKey().getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writeString(files.ownerPublicKey(), key.armoredPublicKey());
        LabKeys.installPublicKey(lab, files.ownerPublicKey());
        try (Secret passphrase = secret(KEY_PASSPHRASE)) {
            BootSigner.sign(lab.bootDirectory(), SoftwareSigner.unlock(files.ownerSecretKey(), passphrase), OptionalInt.empty(),
                    Optional.empty());
        }
        LabPower.powerOn(lab);
        String totp;
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret secret = new MachineOtp(lab, tpm).enroll(lab.defaultOtpPcrs())) {
            totp = OtpUri.base32(secret.bytes());
            ReferenceMeasurements.of(lab, tpm, Secret.empty()).save(files.reference());
        }
        try (OwnerSecrets secrets = new OwnerSecrets()) {
            secrets.with(OwnerSecrets.TOTP_SECRET, secret(totp))
                    .with(OwnerSecrets.KEY_PASSPHRASE, secret(KEY_PASSPHRASE))
                    .with(OwnerSecrets.TPM_OWNER_PASSPHRASE, secret("12345678"))
                    .with(OwnerSecrets.USER_PIN, secret("123456"))
                    .with(OwnerSecrets.ADMIN_PIN, secret("12345678"))
                    .with(OwnerSecrets.DISK_RECOVERY_PASSPHRASE, secret(read(lab.recoveryPassphrase()).strip()))
                    .writePrivate(files.secrets());
        }
        return new LabHandoff(lab, key, files.ownerSecretKey(), totp);
    }

    public BundleWriter.Written writeBundle(Path out, List<SealPhoto.ToShip> photos) {
        try (Secret passphrase = secret(KEY_PASSPHRASE);
             OwnerSecrets secrets = OwnerSecrets.fromJson(bytes(OwnershipFiles.of(lab).secrets()))) {
            return BundleWriter.write(out, ReferenceMeasurements.load(OwnershipFiles.of(lab).reference()), Optional.of("SN-0042"),
                    photos, secrets, 2, 3, SoftwareSigner.unlock(keyFile, passphrase), PublicKeys.publicKeyOf(keyFile));
        }
    }

    public void stop() {
        LabPower.stop(lab);
    }

    static Secret secret(String text) {
        return Secret.adopt(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A photo-like test image: a speckled pattern, different per seed. */
    /** A synthetic glitter seal (custody-seals' generator): the photo the provisioner ships, and where the seal is. */
    public static SealPhoto.ToShip shipped(Path file, int seed) {
        BenchmarkPair pair = SEALS.genuine(seed);
        return new SealPhoto.ToShip(write(pair.reference(), file), Optional.of(pair.referenceRoi()));
    }

    /** Another seal's photo. */
    public static Path photo(Path file, int seed) {
        return write(SEALS.genuine(seed).reference(), file);
    }

    /** The same seal photographed again by the new owner: other angle, light and camera noise. */
    public static Path rephotographed(Path file, int seed) {
        return write(SEALS.genuine(seed).photo(), file);
    }

    /** The same seal photographed again after someone scraped glitter off it. */
    public static Path tamperedWith(Path file, int seed) {
        return write(SEALS.tamperedGenuine(seed, PairKind.PARTICLES_REMOVED).photo(), file);
    }

    private static final BenchmarkGenerator SEALS = new BenchmarkGenerator(20261125L, 640, 480);

    private static Path write(BufferedImage image, Path file) {
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String read(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
