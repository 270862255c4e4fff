package dev.custody.ownership.handoff;

import dev.custody.openpgp.PublicKeys;
import java.nio.file.Path;

/**
 * What the new owner trusts the manifest's signer by. The key inside the bundle proves nothing
 * (whoever swaps the bundle swaps the key), so receipt needs one of these, obtained out of band:
 * the provisioner's fingerprint (read out over the phone, printed on the invoice) or their key file.
 */
public sealed interface TrustAnchor {
    /** A full fingerprint; the bundle's provisioner.asc must hold the key that has it. */
    record Fingerprint(String fingerprint) implements TrustAnchor {
        public Fingerprint {
            fingerprint = PublicKeys.normalizeFingerprint(fingerprint);
        }
    }

    /** The provisioner's public key from elsewhere; the bundle's copy is not used. */
    record KeyFile(Path file) implements TrustAnchor {}
}
