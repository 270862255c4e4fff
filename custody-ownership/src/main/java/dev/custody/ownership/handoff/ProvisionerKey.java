package dev.custody.ownership.handoff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** The provisioner's public key, as shipped in the bundle, and how fingerprints are written and compared. */
public final class ProvisionerKey {
    private ProvisionerKey() {}

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
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
                new PGPPublicKeyRing(keys).encode(armored);
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such key file: " + secretKeyFile);
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known) {
                throw known;
            }
            throw new IllegalArgumentException(secretKeyFile + " is not an OpenPGP secret key file");
        }
    }

    /** The primary key's fingerprint of an armored public key, upper-case hex. */
    public static String fingerprintOf(String armoredPublicKey) {
        try (InputStream in = PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(
                armoredPublicKey.getBytes(StandardCharsets.US_ASCII)))) {
            PGPPublicKeyRing ring = new PGPPublicKeyRing(in, new BcKeyFingerprintCalculator());
            return java.util.HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the provisioner's public key is not an OpenPGP public key");
        }
    }

    /** gpg's export of one key from a GNUPGHOME (smartcard setups), armored. */
    public static String exportFromGpg(Path home, String user) {
        try {
            Process gpg = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--armor", "--export", user)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String key = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (gpg.waitFor() != 0 || key.isBlank()) {
                throw new IllegalArgumentException("gpg in " + home + " has no public key for '" + user + "'");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run gpg (is GnuPG installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gpg exported the key", e);
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
