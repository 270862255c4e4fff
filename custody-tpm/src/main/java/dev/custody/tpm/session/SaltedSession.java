package dev.custody.tpm.session;

import dev.custody.tpm.Hmac;
import dev.custody.tpm.TpmException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.modes.CFBBlockCipher;
import org.bouncycastle.crypto.modes.CFBModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;
import tss.tpm.TPM_SE;

/**
 * An HMAC or policy session whose key derives from a salt encrypted to a TPM-resident key.
 * Someone who records the bus sees only the encrypted salt, so they cannot compute the session
 * key, forge HMACs, or read parameters this session encrypts (AES-128-CFB, TPM 2.0 Part 1 §21).
 */
public final class SaltedSession implements Authorization, AutoCloseable {
    static final int NONCE_SIZE = 32;
    private static final SecureRandom RANDOM = SystemRandom.create();
    private static final TPMT_SYM_DEF AES_128_CFB = new TPMT_SYM_DEF(TPM_ALG_ID.AES, 128, TPM_ALG_ID.CFB);

    public enum Kind { HMAC, POLICY }

    private final SessionedTpm tpm;
    private final TPM_HANDLE handle;
    private final Kind kind;
    private final byte[] sessionKey;
    private byte[] nonceCaller;
    private byte[] nonceTpm;
    private boolean authValueNeeded;
    private boolean closed;

    private SaltedSession(SessionedTpm tpm, TPM_HANDLE handle, Kind kind, byte[] sessionKey,
                          byte[] nonceCaller, byte[] nonceTpm) {
        this.tpm = tpm;
        this.handle = handle;
        this.kind = kind;
        this.sessionKey = sessionKey;
        this.nonceCaller = nonceCaller;
        this.nonceTpm = nonceTpm;
        this.authValueNeeded = kind == Kind.HMAC;
    }

    /**
     * Starts a session salted to an RSA storage key already in the TPM. Encrypting the salt
     * with the key's public part follows TPM 2.0 Part 1 §24.5 (OAEP, label "SECRET").
     */
    public static SaltedSession start(SessionedTpm tpm, TPM_HANDLE saltKey, TPMT_PUBLIC saltKeyPublic, Kind kind) {
        byte[] salt = random(NONCE_SIZE);
        byte[] nonceCaller = random(NONCE_SIZE);
        try {
            byte[] encryptedSalt = encryptSalt(salt, saltKeyPublic);
            var started = tpm.StartAuthSession(saltKey, TPM_HANDLE.from(TPM_RH.NULL), nonceCaller, encryptedSalt,
                    kind == Kind.HMAC ? TPM_SE.HMAC : TPM_SE.POLICY, AES_128_CFB, TPM_ALG_ID.SHA256);
            try {
                byte[] sessionKey = Kdf.kdfa(salt, "ATH", started.nonceTPM, nonceCaller, 256);
                return new SaltedSession(tpm, started.handle, kind, sessionKey, nonceCaller, started.nonceTPM);
            } catch (RuntimeException e) {
                tpm.flushQuietly(started.handle);
                throw e;
            }
        } finally {
            Arrays.fill(salt, (byte) 0);
        }
    }

    private static byte[] encryptSalt(byte[] salt, TPMT_PUBLIC key) {
        if (key == null) {
            throw new TpmException("the TPM gave no public area for the storage key used to protect sessions");
        }
        if (!(key.parameters instanceof TPMS_RSA_PARMS rsa) || !(key.unique instanceof TPM2B_PUBLIC_KEY_RSA modulus)) {
            throw new TpmException("the storage key used to protect sessions is not an RSA key; "
                    + "Custody salts sessions with RSA storage keys only");
        }
        BigInteger exponent = BigInteger.valueOf(rsa.exponent == 0 ? 65537 : Integer.toUnsignedLong(rsa.exponent));
        OAEPEncoding oaep = new OAEPEncoding(new RSAEngine(), new SHA256Digest(), new SHA256Digest(),
                "SECRET\0".getBytes(StandardCharsets.US_ASCII));
        // Not Bouncy Castle's modulus validation (a primality test, 50 ms at boot): it would not
        // make a key the TPM gave us any more trustworthy.
        RSAKeyParameters publicKey = new RSAKeyParameters(false, new BigInteger(1, modulus.buffer), exponent, true);
        oaep.init(true, new ParametersWithRandom(publicKey, RANDOM));
        try {
            return oaep.processBlock(salt, 0, salt.length);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            throw new TpmException("cannot encrypt the session salt to the TPM's storage key: " + e.getMessage(), e);
        }
    }

    public TPM_HANDLE handle() {
        return handle;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Records that TPM2_PolicyAuthValue ran on this policy session: from now on the entity's
     * authValue is part of the HMAC key, so the passphrase is proven without being sent.
     */
    public void requireAuthValue() {
        authValueNeeded = true;
    }

    /** Every command gets a fresh caller nonce, before anything is encrypted or HMACed with it. */
    void newCommand() {
        nonceCaller = random(NONCE_SIZE);
    }

    byte[] commandHmac(byte[] cpHash, byte[] authValue, byte attributes) {
        byte[] key = hmacKey(authValue);
        try {
            return Hmac.sha256(key, cpHash, nonceCaller, nonceTpm, new byte[] {attributes});
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    void acceptResponse(byte[] rpHash, byte[] newNonceTpm, byte attributes, byte[] hmac, byte[] authValue) {
        nonceTpm = newNonceTpm;
        byte[] key = hmacKey(authValue);
        try {
            byte[] expected = Hmac.sha256(key, rpHash, nonceTpm, nonceCaller, new byte[] {attributes});
            if (!MessageDigest.isEqual(expected, hmac)) {
                throw new TpmException("the TPM's response failed its integrity check (bad response HMAC); "
                        + "the connection to the TPM may be tampered with");
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Encrypts the first command parameter; keyed with the nonces in command order. */
    void encryptCommandParameter(byte[] buffer, int offset, int length, byte[] authValue) {
        cfb(Direction.ENCRYPT, buffer, offset, length, authValue, nonceCaller, nonceTpm);
    }

    /** Decrypts the first response parameter; keyed with the nonces in response order. */
    void decryptResponseParameter(byte[] buffer, int offset, int length, byte[] authValue) {
        cfb(Direction.DECRYPT, buffer, offset, length, authValue, nonceTpm, nonceCaller);
    }

    private enum Direction { ENCRYPT, DECRYPT }

    private void cfb(Direction direction, byte[] buffer, int offset, int length, byte[] authValue, byte[] newer, byte[] older) {
        byte[] key = hmacKey(authValue);
        byte[] material = Kdf.kdfa(key, "CFB", newer, older, 256);
        try {
            CFBModeCipher aes = CFBBlockCipher.newInstance(AESEngine.newInstance(), 128);
            aes.init(direction == Direction.ENCRYPT, new ParametersWithIV(new KeyParameter(material, 0, 16), material, 16, 16));
            aes.processBytes(buffer, offset, length, buffer, offset);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(material, (byte) 0);
        }
    }

    private byte[] hmacKey(byte[] authValue) {
        return authValueNeeded ? Kdf.concat(sessionKey, stripTrailingZeros(authValue)) : sessionKey.clone();
    }

    /** TPM 2.0 Part 1 §19.6.5: trailing zero octets of an authValue are not part of the key. */
    private static byte[] stripTrailingZeros(byte[] authValue) {
        int length = authValue.length;
        while (length > 0 && authValue[length - 1] == 0) {
            length--;
        }
        return length == authValue.length ? authValue : Arrays.copyOf(authValue, length);
    }

    byte[] nonceCaller() {
        return nonceCaller;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Arrays.fill(sessionKey, (byte) 0);
            tpm.flushQuietly(handle);
        }
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
