package dev.custody.cli.seals;

import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabKeys;
import dev.custody.openpgp.GnupgHome;
import dev.custody.seals.store.ReferenceTrust;
import dev.custody.seals.store.SealSigners;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which keys a reference must be signed by ({@link ReferenceTrust}): a keyring file, a lab's firmware, or the user's own. */
final class TrustedKeyring {
    @Option(names = "--keyring", paramLabel = "FILE",
            description = "Trust references signed by a key in FILE (pubring.kbx or an exported public key).")
    Path keyring;

    @Option(names = "--gpg-home", paramLabel = "DIR",
            description = "Without --keyring: trust your own keys in this GNUPGHOME (default: $GNUPGHOME, ~/.gnupg).")
    Path gpgHome;

    ReferenceTrust resolve(Optional<LabMachine> lab) {
        if (keyring != null) {
            return ReferenceTrust.ofKeyringFile(keyring);
        }
        if (lab.isPresent()) {
            return ReferenceTrust.ofFirmware(LabKeys.ownerKeyring(lab.get()), lab.get().directory());
        }
        return ReferenceTrust.ofUser(gpgHome != null ? gpgHome : GnupgHome.of(System.getenv()), SealSigners.ofUser(System.getenv()));
    }
}
