package dev.custody.ownership;

import dev.custody.machine.Machine;
import dev.custody.machine.SavedSecrets;
import java.nio.file.Path;

/**
 * Where an ownership run keeps what it made for a machine, under the machine's state directory.
 * The hand-off reads these as defaults, so a provisioner can reset and then hand off without
 * retyping paths.
 */
public record OwnershipFiles(Path directory) {
    public static OwnershipFiles of(Machine machine) {
        return new OwnershipFiles(SavedSecrets.directory(machine));
    }

    /** The owner's OpenPGP secret key, armored and passphrase-protected (0600): the encrypted backup. */
    public Path ownerSecretKey() {
        return directory.resolve("owner-key.asc");
    }

    /** The owner's OpenPGP public key, armored. */
    public Path ownerPublicKey() {
        return directory.resolve("owner-pub.asc");
    }

    /**
     * {@link OwnerSecrets} as JSON (0600), present only when the owner chose to save them; kept
     * current by {@link SavedSecrets} when a secret is replaced.
     */
    public Path secrets() {
        return directory.resolve("secrets.json");
    }

    /** The reference measurements recorded at the end of the run. */
    public Path reference() {
        return directory.resolve("reference.json");
    }
}
