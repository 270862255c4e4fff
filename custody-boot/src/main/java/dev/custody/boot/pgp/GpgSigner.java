package dev.custody.boot.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Signs through GnuPG, which is how OpenPGP smartcards (Nitrokey, Librem Key, YubiKey) sign: gpg
 * asks for the card PIN itself through its pinentry, so no secret passes through Custody.
 */
public record GpgSigner(Path home, Optional<String> localUser) implements Signer {
    @Override
    public String sign(byte[] data) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--yes",
                "--digest-algo", "SHA512", "--detach-sign", "--armor"));
        localUser.ifPresent(user -> command.addAll(List.of("--local-user", user)));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run gpg (is GnuPG installed?)", e);
        }
        try {
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(data);
            }
            byte[] signature = readAll(process.getInputStream());
            int exit = process.waitFor();
            if (exit != 0 || signature.length == 0) {
                throw new IllegalStateException("gpg could not sign: " + lastLine(errors.join()));
            }
            return new String(signature, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("gpg failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gpg was signing", e);
        } finally {
            process.destroy();
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastLine(byte[] stderr) {
        List<String> lines = new String(stderr, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no message" : lines.getLast().strip();
    }

    @Override
    public String describe() {
        return "gpg in " + home + localUser.map(u -> " as " + u).orElse("");
    }
}
