package dev.custody.seals.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The user's GnuPG: where it keeps keys, whether it has a secret key to sign with. */
public final class GnupgHome {
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
        try {
            Process gpg = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--with-colons",
                    "--list-secret-keys").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            gpg.getOutputStream().close();
            String listing = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gpg.waitFor(30, TimeUnit.SECONDS)) {
                gpg.destroyForcibly();
                return List.of();
            }
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
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
