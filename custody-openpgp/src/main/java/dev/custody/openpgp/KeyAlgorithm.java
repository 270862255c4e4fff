package dev.custody.openpgp;

/** Key types gpg 2.2 (which Heads ships) can read: RSA 3072, as Heads' OEM reset makes, or legacy EdDSA. */
public enum KeyAlgorithm {
    RSA3072,
    ED25519
}
