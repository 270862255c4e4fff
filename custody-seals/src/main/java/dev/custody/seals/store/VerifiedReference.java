package dev.custody.seals.store;

import static dev.custody.common.JsonMaps.object;

import java.util.Map;

/**
 * An enrolled reference whose signatures and hash were checked against a trusted keyring: the
 * only way {@link SealStore} hands out a reference photo.
 */
public record VerifiedReference(SealMetadata metadata, byte[] photo, String signerFingerprint, String signerOwner) {
    /** "FINGERPRINT (owner)". */
    public String signer() {
        return signerFingerprint + " (" + signerOwner + ")";
    }

    /** What {@code seals check} says of the reference of seal {@code name}, trusted through {@code trust}. */
    public String line(String name, ReferenceTrust trust) {
        return "Reference: seal " + name + " enrolled " + metadata.enrolled() + ", signed by " + signer()
                + ", trusted through " + trust.description();
    }

    /** The same as {@code seals check --json} adds it under "reference". */
    public Map<String, Object> toJson(String name, ReferenceTrust trust) {
        return object("name", name, "enrolled", metadata.enrolled().toString(), "signer", signerFingerprint,
                "trustedBy", trust.description());
    }
}
