package dev.custody.server.store;

import java.util.Optional;

/** An enrolment waiting for the TPM to prove it holds both keys; the server keeps only the credential's hash. */
public record Challenge(String id, String name, byte[] endorsementKey, Optional<byte[]> endorsementKeyCertificate,
                        byte[] attestationKeyPublic, int intervalSeconds, String credentialSha256, long createdAt) {}
