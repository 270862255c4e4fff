package dev.custody.openpgp;

import dev.custody.common.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Signs with a passphrase-protected key file. The key is unlocked when this is made, so a wrong
 * passphrase is reported before anything else happens (in particular before the TPM counter moves).
 */
public final class SoftwareSigner implements Signer {
    private final PGPSecretKey key;
    private final PGPPrivateKey privateKey;

    private SoftwareSigner(PGPSecretKey key, PGPPrivateKey privateKey) {
        this.key = key;
        this.privateKey = privateKey;
    }

    public static SoftwareSigner unlock(Path keyFile, Secret passphrase) {
        PGPSecretKey key = signingKey(keyFile);
        char[] chars = OpenPgpKeys.toChars(passphrase);
        try {
            PGPPrivateKey privateKey = key.extractPrivateKey(
                    new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(chars));
            return new SoftwareSigner(key, privateKey);
        } catch (PGPException e) {
            throw new IllegalArgumentException("wrong passphrase for " + keyFile);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static PGPSecretKey signingKey(Path keyFile) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(keyFile))) {
            PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
            for (PGPSecretKeyRing ring : rings) {
                for (PGPSecretKey candidate : ring) {
                    if (candidate.isSigningKey() && !candidate.isPrivateKeyEmpty()) {
                        return candidate;
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such key file: " + keyFile);
        } catch (IOException | PGPException | RuntimeException e) {
            throw new IllegalArgumentException(keyFile + " is not an OpenPGP secret key file");
        }
        throw new IllegalArgumentException(keyFile + " holds no secret signing key");
    }

    @Override
    public String sign(byte[] data) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
                    key.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            generator.update(data);
            PGPSignature signature = generator.generate();
            return OpenPgpKeys.armor(signature::encode);
        } catch (PGPException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "key " + HexFormat.of().withUpperCase().formatHex(key.getPublicKey().getFingerprint());
    }
}
