package dev.custody.openpgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.gpg.keybox.KeyBlob;
import org.bouncycastle.gpg.keybox.PublicKeyRingBlob;
import org.bouncycastle.gpg.keybox.bc.BcKeyBox;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The owner's public keys, from any of the forms that go into the firmware: gpg's
 * {@code pubring.kbx}, an armored export, or a binary export ({@code pubring.gpg}).
 */
public final class Keyring {
    private static final byte[] KEYBOX_MAGIC = "KBXf".getBytes(StandardCharsets.US_ASCII);

    private final List<PGPPublicKeyRing> rings;

    private Keyring(List<PGPPublicKeyRing> rings) {
        this.rings = List.copyOf(rings);
    }

    public static Keyring load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keyring " + file, e);
        }
        List<PGPPublicKeyRing> rings;
        try {
            rings = isKeybox(content) ? fromKeybox(content) : fromPackets(content);
        } catch (IOException | PGPException | RuntimeException e) {
            throw new IllegalArgumentException("keyring " + file + " is not a pubring.kbx or OpenPGP public key file");
        }
        if (rings.isEmpty()) {
            throw new IllegalArgumentException("keyring " + file + " holds no public keys");
        }
        return new Keyring(rings);
    }

    private static boolean isKeybox(byte[] content) {
        return content.length >= 12 && Arrays.equals(content, 8, 12, KEYBOX_MAGIC, 0, 4);
    }

    private static List<PGPPublicKeyRing> fromKeybox(byte[] content) throws IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (KeyBlob blob : new BcKeyBox(content).getKeyBlobs()) {
            if (blob instanceof PublicKeyRingBlob ringBlob) {
                rings.add(ringBlob.getPGPPublicKeyRing());
            }
        }
        return rings;
    }

    private static List<PGPPublicKeyRing> fromPackets(byte[] content) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(content))) {
            List<PGPPublicKeyRing> rings = new ArrayList<>();
            new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()).forEach(rings::add);
            return rings;
        }
    }

    /** The key (primary or subkey) with this key ID, if it is in the keyring. */
    public Optional<PGPPublicKey> key(long keyId) {
        return rings.stream().map(ring -> ring.getPublicKey(keyId)).filter(k -> k != null).findFirst();
    }

    /** The primary key's user ID for a key or subkey, for messages. */
    public String owner(long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            if (ring.getPublicKey(keyId) != null) {
                var uids = ring.getPublicKey().getUserIDs();
                return uids.hasNext() ? uids.next() : "(no user ID)";
            }
        }
        return "(unknown)";
    }

    public int size() {
        return rings.size();
    }

    /** One keyring holding the keys of all of these. */
    public static Keyring combine(List<Keyring> keyrings) {
        return new Keyring(keyrings.stream().flatMap(k -> k.rings.stream()).toList());
    }

    /** The primary keys' fingerprints, upper-case hex. */
    public java.util.Set<String> fingerprints() {
        return rings.stream().map(ring -> java.util.HexFormat.of().withUpperCase()
                .formatHex(ring.getPublicKey().getFingerprint())).collect(java.util.stream.Collectors.toSet());
    }
}
