package dev.custody.ownership.handoff;

import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.PublicKeys;
import dev.custody.openpgp.SignatureCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A hand-off bundle as received: nothing in it is believed until {@link #verify} says so. */
public final class Bundle {
    private final BundleFiles files;
    private final byte[] manifest;
    private final byte[] signature;

    private Bundle(BundleFiles files, byte[] manifest, byte[] signature) {
        this.files = files;
        this.manifest = manifest;
        this.signature = signature;
    }

    public static Bundle open(Path directory) {
        BundleFiles files = new BundleFiles(directory);
        if (!Files.isRegularFile(files.manifest())) {
            throw new IllegalArgumentException(directory + " is not a hand-off bundle (it has no manifest.json)");
        }
        if (!Files.isRegularFile(files.signature())) {
            throw new IllegalArgumentException(directory + " has no manifest.json.asc: the manifest is unsigned");
        }
        return new Bundle(files, read(files.manifest()), read(files.signature()));
    }

    public BundleFiles files() {
        return files;
    }

    /** The outcome of checking the manifest's signature against the owner's trust anchor. */
    public sealed interface Signature {
        /** Good, by the key the owner expects; {@code manifest} can now be believed. */
        record Trusted(String fingerprint, String owner, HandoffManifest manifest) implements Signature {}

        record Rejected(String reason) implements Signature {}
    }

    public Signature verify(TrustAnchor anchor) {
        Keyring keyring = switch (anchor) {
            case TrustAnchor.KeyFile key -> Keyring.load(key.file());
            case TrustAnchor.Fingerprint f -> {
                if (!Files.isRegularFile(files.provisionerKey())) {
                    yield null;
                }
                yield Keyring.load(files.provisionerKey());
            }
        };
        if (keyring == null) {
            return new Signature.Rejected("the bundle has no provisioner.asc to check the fingerprint against; "
                    + "give the provisioner's key with --provisioner-key");
        }
        return switch (SignatureCheck.verify(signature, manifest, keyring)) {
            case SignatureCheck.Bad bad -> new Signature.Rejected(reason(bad.reason(), anchor));
            case SignatureCheck.Good good -> {
                if (anchor instanceof TrustAnchor.Fingerprint expected && !expected.fingerprint().equals(good.fingerprint())) {
                    yield new Signature.Rejected("the manifest is signed by " + PublicKeys.grouped(good.fingerprint())
                            + " (" + good.owner() + "), not by the provisioner you expect ("
                            + PublicKeys.grouped(expected.fingerprint()) + ")");
                }
                yield new Signature.Trusted(good.fingerprint(), good.owner(), HandoffManifest.parse(manifest));
            }
        };
    }

    /** SignatureCheck words its reasons for /boot; here the signed file is the manifest. */
    private static String reason(String reason, TrustAnchor anchor) {
        if (reason.startsWith("does not match")) {
            return "the signature does not match manifest.json: the manifest was altered after it was signed";
        }
        if (reason.contains("not in the keyring")) {
            return "the signature was " + reason.replace("not in the keyring", anchor instanceof TrustAnchor.KeyFile
                    ? "not the provisioner key you gave" : "not the key shipped in provisioner.asc");
        }
        return "the manifest's signature is " + reason;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
