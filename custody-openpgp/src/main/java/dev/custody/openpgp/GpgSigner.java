package dev.custody.openpgp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signs through GnuPG, which is how OpenPGP smartcards (Nitrokey, Librem Key, YubiKey) sign: gpg
 * asks for the card PIN itself through its pinentry, so no secret passes through Custody.
 */
public record GpgSigner(Path home, Optional<String> localUser) implements Signer {
    @Override
    public String sign(byte[] data) {
        List<String> arguments = new ArrayList<>(List.of("--yes", "--digest-algo", "SHA512", "--detach-sign", "--armor"));
        localUser.ifPresent(user -> arguments.addAll(List.of("--local-user", user)));
        Gpg.Run run = new Gpg(home).run(data, arguments.toArray(String[]::new));
        if (!run.succeeded() || run.output().length == 0) {
            throw new IllegalStateException("gpg could not sign: " + run.lastError());
        }
        return new String(run.output(), StandardCharsets.US_ASCII);
    }

    @Override
    public String describe() {
        return "gpg in " + home + localUser.map(u -> " as " + u).orElse("");
    }
}
