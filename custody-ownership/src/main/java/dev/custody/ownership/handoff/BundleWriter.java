package dev.custody.ownership.handoff;

import dev.custody.attest.QrCode;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.common.TerminalText;
import dev.custody.firmware.Sha256;
import dev.custody.openpgp.PublicKeys;
import dev.custody.openpgp.Signer;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.reference.ReferenceMeasurements;
import dev.custody.ownership.shamir.SecretShares;
import dev.custody.ownership.shamir.Shamir;
import dev.custody.ownership.shamir.Share;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a hand-off bundle: the signed manifest with the provisioner's public key and the seal
 * photos, and the secrets split into N shares (text and QR code, each 0600), of which any K
 * recover them. The shares are meant to leave the folder over separate channels.
 */
public final class BundleWriter {
    private BundleWriter() {}

    /** What was written, for the command's summary. */
    /** {@code totpCheckable}: the secrets hold the TOTP secret, so the new owner can check the machine's code. */
    public record Written(HandoffManifest manifest, BundleFiles files, String signer, List<Path> shareFiles,
                          boolean totpCheckable) {
        /** As {@code own handoff} prints it: what was written, and how the shares and the fingerprint must travel. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>(List.of(
                    TerminalText.format("Wrote hand-off bundle %s to %s", manifest.bundleId(), files.directory()),
                    TerminalText.format("  manifest: manifest.json, signed by %s (manifest.json.asc, provisioner.asc)", signer),
                    String.format("  seal photos: %d", manifest.seals().size()),
                    String.format("  shares: %d, any %d recover the secrets: share-1.txt/.png ... share-%d.txt/.png",
                            manifest.count(), manifest.threshold(), manifest.count())));
            if (!totpCheckable) {
                lines.add("  warning: the secrets hold no TOTP secret, so the new owner cannot check the machine's TOTP");
            }
            lines.add("Send each share over a different channel and delete it from the bundle folder.");
            lines.add("Give the new owner your key's fingerprint over another channel still: receipt checks it.");
            return lines;
        }

        /** As {@code own handoff --json} shows it. */
        public Map<String, Object> toJson() {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("bundle", files.directory().toString());
            result.put("bundleId", manifest.bundleId());
            result.put("signer", signer);
            result.put("threshold", manifest.threshold());
            result.put("shares", manifest.count());
            result.put("shareFiles", shareFiles.stream().map(Path::toString).toList());
            result.put("sealPhotos", manifest.seals().stream().map(p -> p.name()).toList());
            result.put("totpCheckable", totpCheckable);
            return result;
        }
    }

    public static Written write(Path directory, ReferenceMeasurements reference, Optional<String> serial,
                                List<SealPhoto.ToShip> sealPhotos, OwnerSecrets secrets, int threshold, int count,
                                Signer signer, String provisionerPublicKey) {
        Shamir.checkParameters(threshold, count);
        BundleFiles files = new BundleFiles(directory);
        if (Files.exists(files.manifest())) {
            throw new IllegalArgumentException(directory + " already holds a bundle; choose an empty folder");
        }
        String bundleId = HandoffManifest.newBundleId();
        List<SealPhoto> photos = new ArrayList<>();
        for (SealPhoto.ToShip shipped : sealPhotos) {
            Path photo = shipped.file();
            String name = photo.getFileName().toString();
            if (photos.stream().anyMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("two seal photos are named " + name + "; rename one");
            }
            byte[] bytes = read(photo);
            photos.add(new SealPhoto(name, Sha256.hex(Sha256.of(bytes)), shipped.roi()));
            AtomicFiles.write(files.sealPhoto(name), bytes);
        }
        HandoffManifest manifest = new HandoffManifest(bundleId, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                serial, reference, photos, threshold, count);
        byte[] json = manifest.toJson();
        String signature = signer.sign(json);
        List<Path> shareFiles;
        try (OwnerSecrets shared = new OwnerSecrets()) {
            secrets.all().forEach(shared::with);
            String provisioner = PublicKeys.fingerprintOf(provisionerPublicKey, "the provisioner's public key");
            try (Secret fingerprint = Secret.copyOf(provisioner.getBytes(StandardCharsets.US_ASCII))) {
                shared.with(OwnerSecrets.PROVISIONER_FINGERPRINT, fingerprint);
            }
            shareFiles = writeShares(files, bundleId, shared, threshold, count);
        }
        AtomicFiles.writeString(files.provisionerKey(), provisionerPublicKey);
        AtomicFiles.writeString(files.signature(), signature);
        // The manifest last: a folder with manifest.json is a complete bundle.
        AtomicFiles.write(files.manifest(), json);
        return new Written(manifest, files, signer.describe(), shareFiles, secrets.get(OwnerSecrets.TOTP_SECRET).isPresent());
    }

    private static List<Path> writeShares(BundleFiles files, String bundleId, OwnerSecrets secrets, int threshold, int count) {
        byte[] json = secrets.toJson();
        List<Share> shares;
        try {
            shares = SecretShares.split(bundleId, json, threshold, count);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
        List<Path> written = new ArrayList<>();
        for (Share share : shares) {
            String text = share.encode();
            String page = "# Custody hand-off share " + share.x() + " of " + count + " for bundle " + bundleId + ".\n"
                    + "# Any " + threshold + " of the " + count + " shares recover the new owner's secrets; fewer reveal nothing.\n"
                    + "# Send each share over a different channel. Case and spaces do not matter when typing it.\n"
                    + text + "\n";
            byte[] bytes = page.getBytes(StandardCharsets.US_ASCII);
            AtomicFiles.writePrivate(files.shareText(share.x()), bytes);
            Arrays.fill(bytes, (byte) 0);
            QrCode.of(text).writePng(files.shareQr(share.x()));
            written.add(files.shareText(share.x()));
            written.add(files.shareQr(share.x()));
        }
        return written;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such seal photo: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
