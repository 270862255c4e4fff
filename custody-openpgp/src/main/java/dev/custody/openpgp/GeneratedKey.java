package dev.custody.openpgp;

/** A new key pair, armored: the passphrase-protected secret key and the public key for the firmware. */
public record GeneratedKey(String fingerprint, String armoredSecretKey, String armoredPublicKey) {}
