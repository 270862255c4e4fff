package dev.custody.machine.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner's answer to a challenge, as {@code gpg --clearsign} or {@code gpg --detach-sign}
 * (armoured or binary) writes it. Parsing only: what was signed and the signature bytes; the
 * signature is checked elsewhere.
 */
public sealed interface SignedResponse {
    /** Larger than any signature over one line; bigger files are refused unread. */
    int MAX_BYTES = 64 * 1024;

    /** {@code gpg --clearsign}: the text, dash-unescaped, and the armoured signature. */
    record Clearsigned(String text, byte[] signature) implements SignedResponse {}

    /** {@code gpg --detach-sign [--armor]}: the signature alone; it covers the challenge line. */
    record Detached(byte[] signature) implements SignedResponse {}

    String BEGIN_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";
    String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    String END_SIGNATURE = "-----END PGP SIGNATURE-----";

    /** The bytes of a signature file the owner gives, refused unread when larger than {@link #MAX_BYTES}. */
    static byte[] readFile(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " bytes; not a signature");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signature file " + file, e);
        }
    }

    static SignedResponse parse(byte[] file) {
        if (file.length == 0) {
            throw new IllegalArgumentException("the signature file is empty");
        }
        if (file.length > MAX_BYTES) {
            throw new IllegalArgumentException("the signature file is larger than " + MAX_BYTES + " bytes; not a signature");
        }
        String text = new String(file, StandardCharsets.ISO_8859_1);
        String start = text.stripLeading();
        if (start.startsWith(BEGIN_SIGNED)) {
            return clearsigned(start);
        }
        if (start.startsWith("-----BEGIN PGP ") && !start.startsWith(BEGIN_SIGNATURE)) {
            throw new IllegalArgumentException("the signature file is an armoured OpenPGP block that is not a signature"
                    + " (sign with gpg --clearsign or --detach-sign)");
        }
        return new Detached(file.clone());
    }

    private static Clearsigned clearsigned(String text) {
        List<String> lines = text.lines().toList();
        int i = 1;
        while (i < lines.size() && !lines.get(i).isEmpty()) {
            if (!lines.get(i).startsWith("Hash: ")) {
                throw new IllegalArgumentException("the clearsigned file has an unexpected header line after " + BEGIN_SIGNED);
            }
            i++;
        }
        if (i >= lines.size()) {
            throw new IllegalArgumentException("the clearsigned file ends before its text");
        }
        List<String> body = new ArrayList<>();
        for (i++; i < lines.size() && !lines.get(i).equals(BEGIN_SIGNATURE); i++) {
            String line = lines.get(i);
            if (line.startsWith("- ")) {
                line = line.substring(2);
            } else if (line.startsWith("-")) {
                throw new IllegalArgumentException("the clearsigned text has a line starting with '-' that is not dash-escaped");
            }
            body.add(line.stripTrailing());
        }
        int end = lines.indexOf(END_SIGNATURE);
        if (i >= lines.size() || end < i) {
            throw new IllegalArgumentException("the clearsigned file has no complete " + BEGIN_SIGNATURE + " block");
        }
        String signature = String.join("\n", lines.subList(i, end + 1)) + "\n";
        return new Clearsigned(String.join("\n", body), signature.getBytes(StandardCharsets.ISO_8859_1));
    }
}
