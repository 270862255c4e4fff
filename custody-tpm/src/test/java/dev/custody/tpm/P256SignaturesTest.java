package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The comb verifier must agree with Bouncy Castle's ECDSA on every signature, good or bad:
 * signatures made by the JDK, then each with one thing wrong (hash, r, s, key, out-of-range
 * values).
 */
class P256SignaturesTest {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final BigInteger N = P256.getN();

    @Test
    void agreesWithBouncyCastleOnGoodAndBadSignatures() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        int accepted = 0;
        int refused = 0;
        for (int k = 0; k < 8; k++) {
            KeyPair keys = generator.generateKeyPair();
            KeyPair other = generator.generateKeyPair();
            ECPoint q = point(keys);
            P256Signatures.Comb comb = P256Signatures.comb(q);
            P256Signatures.Comb otherComb = P256Signatures.comb(point(other));
            for (int m = 0; m < 25; m++) {
                byte[] message = new byte[1 + random.nextInt(200)];
                random.nextBytes(message);
                Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
                signer.initSign(keys.getPrivate());
                signer.update(message);
                byte[] rs = signer.sign();
                BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
                BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
                byte[] otherHash = hash.clone();
                otherHash[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));

                assertThat(P256Signatures.verify(comb, hash, r, s)).isTrue();
                assertThat(bouncyCastle(q, hash, r, s)).isTrue();
                accepted++;
                // The same signature with its s negated is also valid ECDSA (malleability), for both.
                assertThat(P256Signatures.verify(comb, hash, r, N.subtract(s))).isEqualTo(bouncyCastle(q, hash, r, N.subtract(s)));

                BigInteger[][] wrong = {{r.add(BigInteger.ONE), s}, {r, s.add(BigInteger.ONE)}, {s, r}, {BigInteger.ZERO, s},
                        {r, BigInteger.ZERO}, {r.add(N), s}, {r, s.add(N)}, {N, s}, {r, N}, {r.negate(), s}};
                for (BigInteger[] candidate : wrong) {
                    assertThat(P256Signatures.verify(comb, hash, candidate[0], candidate[1])).isFalse();
                    assertThat(bouncyCastle(q, hash, candidate[0], candidate[1])).isFalse();
                    refused++;
                }
                assertThat(P256Signatures.verify(comb, otherHash, r, s)).isFalse();
                assertThat(bouncyCastle(q, otherHash, r, s)).isFalse();
                assertThat(P256Signatures.verify(otherComb, hash, r, s)).isFalse();
                assertThat(P256Signatures.verify(comb, Arrays.copyOf(hash, 31), r, s)).isFalse();
                refused += 3;
            }
        }
        assertThat(accepted).isEqualTo(200);
        assertThat(refused).isEqualTo(2600);
    }

    private static ECPoint point(KeyPair keys) {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        return P256.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY());
    }

    private static boolean bouncyCastle(ECPoint q, byte[] hash, BigInteger r, BigInteger s) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(q,
                new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH())));
        return verifier.verifySignature(hash, r, s);
    }
}
