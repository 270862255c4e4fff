package dev.custody.ownership.handoff;

import dev.custody.common.Secret;
import dev.custody.openpgp.GnupgHome;
import dev.custody.openpgp.GpgSigner;
import dev.custody.openpgp.PublicKeys;
import dev.custody.openpgp.Signer;
import dev.custody.openpgp.SoftwareSigner;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Who signs a hand-off bundle, and the public key shipped in it (provisioner.asc). */
public record ProvisionerSigner(Signer signer, String publicKey) {

    /** A key in the provisioner's GnuPG (a smartcard's too): {@code localUser} says which. */
    public static ProvisionerSigner gnupg(Path gpgHome, Optional<String> localUser) {
        String user = localUser.orElseThrow(() -> new IllegalArgumentException(
                "--gpg-home needs --local-user to say which key signs"));
        return new ProvisionerSigner(new GpgSigner(gpgHome, localUser), GnupgHome.exportPublicKey(gpgHome, user));
    }

    /**
     * A key file: {@code keyFile}, else the owner key the reset saved. Unless a passphrase was
     * given, the one the reset saved with the secrets unlocks it; otherwise {@code unlock} does.
     */
    public static ProvisionerSigner keyFile(Optional<Path> keyFile, OwnershipFiles files, OwnerSecrets secrets,
                                            boolean passphraseGiven, Function<Path, Signer> unlock) {
        Path file = keyFile.orElse(files.ownerSecretKey());
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no signing key at " + file + "; give one with --key KEY.asc or --gpg-home DIR");
        }
        Optional<Secret> savedPassphrase = secrets.get(OwnerSecrets.KEY_PASSPHRASE);
        Signer signer = !passphraseGiven && savedPassphrase.isPresent()
                ? SoftwareSigner.unlock(file, savedPassphrase.get()) : unlock.apply(file);
        return new ProvisionerSigner(signer, PublicKeys.publicKeyOf(file));
    }
}
