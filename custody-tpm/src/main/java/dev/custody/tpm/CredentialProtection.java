package dev.custody.tpm;

import dev.custody.tpm.session.Kdf;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMT_PUBLIC;

/**
 * TPM2_MakeCredential in software, for a verifier that has no TPM (TPM 2.0 Part 1 §24): a random
 * seed is encrypted to the endorsement key (RSA-OAEP, label "IDENTITY"); from it derive an
 * AES-128 key ("STORAGE", bound to the attestation key's name) that encrypts the credential with
 * CFB, and an HMAC key ("INTEGRITY") that seals the result to that name. Only the TPM holding
 * the EK can recover the seed, and it releases the credential only for a loaded key of that name.
 */
public final class CredentialProtection {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SEED_BYTES = 32;
    private static final int AES_128_BITS = 128;

    private CredentialProtection() {}

    /** {@code endorsementKey} is a TPMT_PUBLIC (RSA 2048, SHA-256 name algorithm, AES-128 symmetric). */
    public static ProtectedCredential protect(byte[] endorsementKey, byte[] attestationKeyName, byte[] credential) {
        if (credential.length > 32) {
            throw new IllegalArgumentException("a credential is at most 32 bytes (a SHA-256 digest)");
        }
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        byte[] symmetricKey = Kdf.kdfa(seed, "STORAGE", attestationKeyName, new byte[0], AES_128_BITS);
        byte[] hmacKey = Kdf.kdfa(seed, "INTEGRITY", new byte[0], new byte[0], 256);
        try {
            byte[] identity = ByteBuffer.allocate(2 + credential.length).putShort((short) credential.length)
                    .put(credential).array();
            Cipher aes = Cipher.getInstance("AES/CFB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(symmetricKey, "AES"), new IvParameterSpec(new byte[16]));
            byte[] encryptedIdentity = aes.doFinal(identity);
            Arrays.fill(identity, (byte) 0);
            byte[] integrity = Hmac.sha256(hmacKey, encryptedIdentity, attestationKeyName);
            return new ProtectedCredential(integrity, encryptedIdentity, encryptSeed(seed, endorsementKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CFB is missing from this Java runtime", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(symmetricKey, (byte) 0);
            Arrays.fill(hmacKey, (byte) 0);
        }
    }

    private static byte[] encryptSeed(byte[] seed, byte[] endorsementKey) {
        TPMT_PUBLIC ek = TssParsing.exactly(endorsementKey, TPMT_PUBLIC::fromTpm)
                .orElseThrow(() -> new TpmException("the endorsement key does not parse as a TPMT_PUBLIC"));
        if (!(ek.parameters instanceof TPMS_RSA_PARMS rsa) || !(ek.unique instanceof TPM2B_PUBLIC_KEY_RSA modulus)) {
            throw new TpmException("the endorsement key is not an RSA key");
        }
        try {
            BigInteger exponent = BigInteger.valueOf(rsa.exponent == 0 ? 65537 : Integer.toUnsignedLong(rsa.exponent));
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(new BigInteger(1, modulus.buffer), exponent));
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    new PSource.PSpecified("IDENTITY\0".getBytes(StandardCharsets.US_ASCII))));
            return oaep.doFinal(seed);
        } catch (GeneralSecurityException e) {
            throw new TpmException("cannot encrypt to the endorsement key (an RSA key of "
                    + new BigInteger(1, modulus.buffer).bitLength() + " bits; EKs have 2048)");
        }
    }

    /** A TPM object's name: its name algorithm (SHA-256) followed by the digest of its public area. */
    public static byte[] objectName(byte[] publicArea) {
        return ByteBuffer.allocate(2 + 32).putShort((short) PcrBank.SHA256.algorithmId())
                .put(PcrBank.SHA256.hash(publicArea)).array();
    }
}
