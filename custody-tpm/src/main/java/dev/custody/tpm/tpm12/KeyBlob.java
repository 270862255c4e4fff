package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * A TPM_KEY12 (or TPM_KEY) as the TPM returns it: public part in the clear, private part
 * encrypted to its parent. Only the RSA public key is read out of it.
 */
public record KeyBlob(byte[] bytes, RSAPublicKey publicKey) {
    static final int TAG_KEY12 = 0x0028;
    static final int ALG_RSA = 0x00000001;

    static KeyBlob read(Reader in) {
        int start = in.position();
        in.u16();
        in.u16();
        in.u16();
        in.u32();
        in.u8();
        BigInteger exponent = readRsaParameters(in);
        in.sized();
        byte[] modulus = in.sized();
        in.sized();
        byte[] all = in.bytesFrom(start);
        return new KeyBlob(all, rsa(modulus, exponent));
    }

    public static KeyBlob parse(byte[] bytes) {
        return read(new Reader(bytes, "TPM_KEY12"));
    }

    /** TPM_PUBKEY: TPM_KEY_PARMS then TPM_STORE_PUBKEY, as TPM_ReadPubek returns the EK. */
    static RSAPublicKey readPubkey(Reader in) {
        BigInteger exponent = readRsaParameters(in);
        return rsa(in.sized(), exponent);
    }

    /** TPM_KEY_PARMS with TPM_RSA_KEY_PARMS inside; an empty exponent means 65537. */
    private static BigInteger readRsaParameters(Reader in) {
        int algorithm = in.u32();
        in.u16();
        in.u16();
        byte[] parameters = in.sized();
        if (algorithm != ALG_RSA) {
            throw new TpmException("the TPM returned a key of algorithm " + algorithm + ", not RSA");
        }
        Reader rsa = new Reader(parameters, "TPM_RSA_KEY_PARMS");
        rsa.u32();
        rsa.u32();
        byte[] exponent = rsa.sized();
        return exponent.length == 0 ? BigInteger.valueOf(65537) : new BigInteger(1, exponent);
    }

    private static RSAPublicKey rsa(byte[] modulus, BigInteger exponent) {
        BigInteger n = new BigInteger(1, modulus);
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, exponent));
        } catch (GeneralSecurityException e) {
            throw new TpmException("the TPM returned an RSA key Custody cannot use (a " + n.bitLength()
                    + "-bit modulus; TPM 1.2 keys have 2048 bits)", e);
        }
    }
}
