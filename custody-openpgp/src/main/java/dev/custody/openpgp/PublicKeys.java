package dev.custody.openpgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** Public keys as they are shipped and compared: the public half of a key file, fingerprints as people write them. */
public final class PublicKeys {
    private PublicKeys() {}

    /** The public half of an armored secret key file, armored; no passphrase needed. */
    public static String publicKeyOf(Path secretKeyFile) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(secretKeyFile))) {
            List<PGPPublicKey> keys = new ArrayList<>();
            for (PGPSecretKeyRing ring : new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator())) {
                ring.getPublicKeys().forEachRemaining(keys::add);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(secretKeyFile + " holds no key");
            }
            return OpenPgpKeys.armor(new PGPPublicKeyRing(keys)::encode);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such key file: " + secretKeyFile);
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known) {
                throw known;
            }
            throw new IllegalArgumentException(secretKeyFile + " is not an OpenPGP secret key file");
        }
    }

    /** The primary key's fingerprint of an armored public key, upper-case hex; {@code whose} names the key in the error. */
    public static String fingerprintOf(String armoredPublicKey, String whose) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(
                armoredPublicKey.getBytes(StandardCharsets.US_ASCII)))) {
            PGPPublicKeyRing ring = new PGPPublicKeyRing(in, new BcKeyFingerprintCalculator());
            return HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(whose + " is not an OpenPGP public key");
        }
    }

    /** Upper-case hex without spaces: "1234 ABCD ..." as gpg prints it, or lower case, compare equal. */
    public static String normalizeFingerprint(String fingerprint) {
        String normalized = fingerprint.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (normalized.startsWith("0X")) {
            normalized = normalized.substring(2);
        }
        if (!normalized.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a full OpenPGP fingerprint (40 hex digits); "
                    + "short key IDs can be forged");
        }
        return normalized;
    }

    /** Four-digit groups, as gpg shows fingerprints, for reading aloud over the phone. */
    public static String grouped(String fingerprint) {
        return fingerprint.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
