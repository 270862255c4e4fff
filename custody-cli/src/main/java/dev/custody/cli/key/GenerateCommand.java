package dev.custody.cli.key;

import dev.custody.cli.JsonOutput;
import dev.custody.common.Secret;
import dev.custody.openpgp.GeneratedKey;
import dev.custody.openpgp.KeyAlgorithm;
import dev.custody.openpgp.OpenPgpKeys;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Make a passphrase-protected signing key that gpg 2.2 (and so Heads) reads.",
            "KEY.asc is the secret key (mode 0600); PUB.asc goes into the firmware keyring."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--uid", required = true, paramLabel = "UID", description = "User ID, e.g. \"Jane Doe <jane@example.org>\".") String uid;

    @Option(names = "--out", required = true, paramLabel = "KEY.asc", description = "Where to write the secret key.") Path secretKey;

    @Option(names = "--public", required = true, paramLabel = "PUB.asc", description = "Where to write the public key.") Path publicKey;

    @Option(names = "--algorithm", defaultValue = "RSA3072", paramLabel = "ALG",
            description = "RSA3072 (default, as Heads' OEM reset) or ED25519 (legacy EdDSA).")
    KeyAlgorithm algorithm;

    @Option(names = "--passphrase-file", paramLabel = "F", description = "Read the passphrase from F instead of asking.") Path passphraseFile;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        GeneratedKey.requireNew(secretKey);
        GeneratedKey key;
        try (Secret passphrase = Passphrases.read(passphraseFile, "Passphrase for the new key", true)) {
            key = OpenPgpKeys.generate(uid, algorithm, passphrase);
        }
        key.write(secretKey, publicKey);
        output.print(JsonOutput.object("fingerprint", key.fingerprint(), "uid", uid, "secretKey", secretKey.toString(),
                        "publicKey", publicKey.toString()),
                String.format("Made key %s for %s.%nSecret key: %s (keep it offline)%nPublic key: %s",
                        key.fingerprint(), uid, secretKey, publicKey));
        return 0;
    }
}
