package dev.custody.cli.seals;

import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabKeys;
import dev.custody.openpgp.GnupgHome;
import dev.custody.openpgp.Keyring;
import dev.custody.seals.store.ReferenceRefusedException;
import dev.custody.seals.store.VerifiedReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The keys a reference must be signed by. It has to come from somewhere the attacker who can
 * replace the stored photo cannot also write: a keyring file the user names, the owner keyring in
 * the (measured) firmware of a lab machine, or the user's own GnuPG keys.
 */
final class TrustedKeyring {
    @Option(names = "--keyring", paramLabel = "FILE",
            description = "Trust references signed by a key in FILE (pubring.kbx or an exported public key).")
    Path keyring;

    @Option(names = "--gpg-home", paramLabel = "DIR",
            description = "Without --keyring: trust your own keys in this GNUPGHOME (default: $GNUPGHOME, ~/.gnupg).")
    Path gpgHome;

    /** What to check against, and an extra rule for the GnuPG case. */
    record Anchor(Keyring keyring, String description, Optional<Set<String>> onlyKeys) {
        /** GnuPG's public keyring holds other people's keys too; only the user's own keys may sign references. */
        void requireAllowed(VerifiedReference reference, String name) {
            if (onlyKeys.isPresent() && !onlyKeys.get().contains(reference.signerFingerprint())) {
                throw new ReferenceRefusedException("refusing the reference of seal " + name + ": it is signed by "
                        + reference.signerFingerprint() + " (" + reference.signerOwner() + "), which is not one of "
                        + "your own keys; give --keyring FILE with the owner's public key to trust it");
            }
        }
    }

    Anchor resolve(Optional<LabMachine> lab) {
        if (keyring != null) {
            return new Anchor(Keyring.load(keyring), "keyring " + keyring, Optional.empty());
        }
        if (lab.isPresent()) {
            return fromFirmware(lab.get());
        }
        Path home = gpgHome != null ? gpgHome : GnupgHome.of(System.getenv());
        SealSigners signers = SealSigners.ofUser(System.getenv());
        List<Keyring> keyrings = new ArrayList<>();
        Set<String> own = new HashSet<>();
        Optional<Keyring> gnupg = GnupgHome.publicKeyring(home).flatMap(TrustedKeyring::loadIfAny);
        gnupg.ifPresent(k -> {
            keyrings.add(k);
            own.addAll(GnupgHome.ownFingerprints(home));
        });
        signers.keyring().ifPresent(k -> {
            keyrings.add(k);
            own.addAll(k.fingerprints());
        });
        if (keyrings.isEmpty()) {
            throw new IllegalArgumentException("no trusted keyring to check the reference with: give --keyring FILE (the "
                    + "owner's public key), enrol with --key (its public key is remembered in " + signers.directory()
                    + "), or import your key into GnuPG (" + home + ")");
        }
        return new Anchor(Keyring.combine(keyrings), "your own keys (GnuPG in " + home + ", and the key files you enrolled "
                + "seals with, remembered in " + signers.directory() + ")", Optional.of(own));
    }

    /** An empty GnuPG keyring (a fresh ~/.gnupg) trusts nothing, which is not an error. */
    private static Optional<Keyring> loadIfAny(Path pubring) {
        try {
            return Optional.of(Keyring.load(pubring));
        } catch (IllegalArgumentException empty) {
            return Optional.empty();
        }
    }

    private static Anchor fromFirmware(LabMachine lab) {
        Path exported = null;
        try {
            exported = Files.createTempFile("custody-owner-keyring-", ".kbx");
            Optional<Path> keyring = LabKeys.exportKeyring(lab, exported);
            if (keyring.isEmpty()) {
                throw new IllegalArgumentException("the firmware of " + lab.directory() + " holds no owner keyring; "
                        + "give --keyring FILE, or install the owner's key into the lab's firmware");
            }
            return new Anchor(Keyring.load(keyring.get()), "the owner keyring in " + lab.directory() + "'s firmware",
                    Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab's firmware keyring", e);
        } finally {
            if (exported != null) {
                try {
                    Files.deleteIfExists(exported);
                } catch (IOException ignored) {
                    // a public keyring left in /tmp reveals nothing
                }
            }
        }
    }
}
