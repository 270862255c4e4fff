package dev.custody.cli.key;

import dev.custody.common.Secret;
import java.io.Console;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Key passphrases: from a file (one trailing newline dropped) for scripts, else asked on the
 * terminal without echo. Never from the command line, where other users could read them.
 */
public final class Passphrases {
    private Passphrases() {}

    public static Secret read(Path file, String prompt, boolean confirm) {
        if (file != null) {
            return Secret.readPassphraseFile(file);
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the passphrase on; give --passphrase-file FILE");
        }
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null) {
            throw new IllegalArgumentException("no passphrase given");
        }
        try {
            if (confirm) {
                char[] again = console.readPassword("Repeat it: ");
                boolean same = Arrays.equals(first, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    throw new IllegalArgumentException("the two passphrases differ");
                }
            }
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(first));
            byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
            Arrays.fill(encoded.array(), (byte) 0);
            return Secret.adopt(bytes);
        } finally {
            Arrays.fill(first, '\0');
        }
    }
}
