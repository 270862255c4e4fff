package dev.custody.openpgp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A GnuPG home: where the user's is, whether it has a secret key to sign with, exporting a public key,
 * and making the keybox Heads keeps in its firmware.
 */
public final class GnupgHome {
    /** Listing keys asks for nothing; a gpg that takes longer is stuck (e.g. on a dead agent). */
    private static final Duration LISTING_LIMIT = Duration.ofSeconds(30);

    private GnupgHome() {}

    /** {@code $GNUPGHOME}, else {@code ~/.gnupg}. */
    public static Path of(Map<String, String> env) {
        String home = env.get("GNUPGHOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".gnupg");
    }

    /** The public keyring gpg uses in {@code home}: pubring.kbx (gpg 2.1+) or pubring.gpg. */
    public static Optional<Path> publicKeyring(Path home) {
        for (String name : new String[] {"pubring.kbx", "pubring.gpg"}) {
            Path file = home.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * The fingerprint of the secret key gpg signs with by default, or empty when gpg is missing or
     * has no usable secret key. Listing does not unlock anything, so it asks for no PIN.
     */
    public static Optional<String> defaultSecretKey(Path home) {
        return secretKeys(home).stream().findFirst().map(List::getFirst);
    }

    /**
     * Fingerprints of the user's own keys (primary and subkeys of every usable secret key, including
     * smartcard stubs): signatures by these are the user's, whatever else the public keyring holds.
     */
    public static Set<String> ownFingerprints(Path home) {
        Set<String> all = new HashSet<>();
        secretKeys(home).forEach(all::addAll);
        return all;
    }

    /** Per usable secret key: its primary fingerprint, then its subkeys'. */
    private static List<List<String>> secretKeys(Path home) {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        Optional<Gpg.Run> listed;
        try {
            listed = new Gpg(home).runWithin(LISTING_LIMIT, "--batch", "--with-colons", "--list-secret-keys");
        } catch (UncheckedIOException | IllegalStateException e) {
            // No gpg, or interrupted: then there is no secret key Custody could sign with.
            return List.of();
        }
        if (listed.isEmpty()) {
            return List.of();
        }
        String listing = new String(listed.get().output(), StandardCharsets.UTF_8);
        List<List<String>> keys = new ArrayList<>();
        List<String> current = null;
        for (String line : listing.lines().toList()) {
            String[] fields = line.split(":", -1);
            if (fields[0].equals("sec")) {
                // Field 2 is validity: r(evoked), e(xpired), i(nvalid) keys cannot sign.
                boolean usable = fields.length > 1 && !(fields[1].equals("r") || fields[1].equals("e")
                        || fields[1].equals("i"));
                current = usable ? new ArrayList<>() : null;
                if (current != null) {
                    keys.add(current);
                }
            } else if (fields[0].equals("fpr") && current != null && fields.length > 9) {
                current.add(fields[9]);
            }
        }
        return keys;
    }

    /** gpg's export of one public key from {@code home} (smartcard setups), armored. */
    public static String exportPublicKey(Path home, String user) {
        Gpg.Run run = new Gpg(home).run(new byte[0], "--batch", "--armor", "--export", user);
        String key = new String(run.output(), StandardCharsets.US_ASCII);
        if (!run.succeeded() || key.isBlank()) {
            throw new IllegalArgumentException("gpg in " + home + " has no public key for '" + user + "'");
        }
        return key;
    }

    /**
     * {@code publicKey} as gpg's keybox (pubring.kbx), the form Heads keeps in its firmware, made
     * by gpg itself in a throw-away home so it is the real format.
     */
    public static byte[] keybox(Path publicKey) {
        Path home = null;
        try {
            home = Files.createTempDirectory("custody-gnupg-");
            Gpg.Run run = new Gpg(home).run(new byte[0], "--batch", "--quiet", "--import", publicKey.toString());
            if (!run.succeeded()) {
                throw new IllegalStateException("gpg failed: " + run.lastError());
            }
            return Files.readAllBytes(home.resolve("pubring.kbx"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a keyring of " + publicKey, e);
        } finally {
            deleteQuietly(home);
        }
    }

    private static void deleteQuietly(Path home) {
        if (home == null) {
            return;
        }
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary GNUPGHOME holds only a public key.
        }
    }
}
