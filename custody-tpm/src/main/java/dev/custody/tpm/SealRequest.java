package dev.custody.tpm;

import dev.custody.common.Secret;

/**
 * What to seal and under which conditions: the data, the PCR policy that releases it, the object's
 * own passphrase (empty for none) and the owner passphrase that creating it needs (empty on a TPM
 * without one). Three of these are secrets of the same type, so a request is built by name:
 * {@code SealRequest.of(data, policy).withAuth(passphrase).withOwnerAuth(ownerAuth)}.
 * The request only refers to the secrets; whoever made them closes them.
 */
public record SealRequest(Secret data, PcrPolicy policy, Secret auth, Secret ownerAuth) {
    /** {@code data} under {@code policy}, with no passphrase of its own and an empty owner passphrase. */
    public static SealRequest of(Secret data, PcrPolicy policy) {
        return new SealRequest(data, policy, Secret.empty(), Secret.empty());
    }

    /** The same request, with {@code auth} as the sealed object's own passphrase. */
    public SealRequest withAuth(Secret auth) {
        return new SealRequest(data, policy, auth, ownerAuth);
    }

    /** The same request, with {@code ownerAuth} as the owner hierarchy's passphrase. */
    public SealRequest withOwnerAuth(Secret ownerAuth) {
        return new SealRequest(data, policy, auth, ownerAuth);
    }
}
