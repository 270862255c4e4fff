package dev.custody.openpgp;

/** Makes the armored detached signature that becomes kexec.sig. */
public sealed interface Signer permits SoftwareSigner, GpgSigner {
    String sign(byte[] data);

    /** Who signs, for messages: a fingerprint or gpg's key selection. */
    String describe();
}
