package dev.custody.openpgp;

import dev.custody.common.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPKeyPairGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/** Creates signing keys as version 4 OpenPGP keys, so that gpg 2.2 and gpgv read them. */
public final class OpenPgpKeys {
    /** gpg's default S2K work factor (about 65 million bytes hashed). */
    private static final int S2K_COUNT = 0xc0;

    private OpenPgpKeys() {}

    public static GeneratedKey generate(String uid, KeyAlgorithm algorithm, Secret passphrase) {
        if (passphrase.isEmpty()) {
            throw new IllegalArgumentException("a key passphrase is required: software keys are never stored unprotected");
        }
        char[] chars = toChars(passphrase);
        try {
            PGPKeyPairGenerator generator = new BcPGPKeyPairGeneratorProvider().get(PublicKeyPacket.VERSION_4, new Date());
            PGPKeyPair pair = switch (algorithm) {
                case RSA3072 -> generator.generateRsaKeyPair(3072);
                case ED25519 -> generator.generateLegacyEd25519KeyPair();
            };
            PBESecretKeyEncryptor encryptor = new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256), S2K_COUNT).build(chars);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, uid,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), preferences(), null,
                    new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512), encryptor);
            String fingerprint = HexFormat.of().withUpperCase().formatHex(pair.getPublicKey().getFingerprint());
            return new GeneratedKey(fingerprint, armor(rings.generateSecretKeyRing()::encode),
                    armor(rings.generatePublicKeyRing()::encode));
        } catch (PGPException e) {
            throw new IllegalStateException("cannot generate the key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static org.bouncycastle.openpgp.PGPSignatureSubpacketVector preferences() {
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        hashed.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
        hashed.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
        hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
        return hashed.generate();
    }

    /** Passphrases are bytes (UTF-8), as gpg treats them; Bouncy Castle wants chars. */
    public static char[] toChars(Secret passphrase) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(passphrase.bytes()));
        char[] chars = Arrays.copyOf(decoded.array(), decoded.limit());
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    static String armor(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            encoder.encode(armored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
