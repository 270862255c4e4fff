package dev.custody.ownership.handoff;

import java.nio.file.Path;

/** Where each part of a hand-off bundle lives inside its folder. */
public record BundleFiles(Path directory) {
    public Path manifest() {
        return directory.resolve("manifest.json");
    }

    /** Armored detached OpenPGP signature over manifest.json ({@code gpgv} checks it). */
    public Path signature() {
        return directory.resolve("manifest.json.asc");
    }

    /** The provisioner's armored public key: a convenience, never trusted on its own. */
    public Path provisionerKey() {
        return directory.resolve("provisioner.asc");
    }

    public Path sealPhoto(String name) {
        return directory.resolve("seals").resolve(name);
    }

    public Path shareText(int x) {
        return directory.resolve("share-" + x + ".txt");
    }

    public Path shareQr(int x) {
        return directory.resolve("share-" + x + ".png");
    }
}
