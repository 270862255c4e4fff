package dev.custody.boot;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away GNUPGHOME with one passphrase-less signing key, made by gpg itself. Its gpg-agent
 * is stopped after the test class.
 */
public final class GnupgHome implements BeforeAllCallback, AfterAllCallback {
    private final String uid;
    private Path home;

    public GnupgHome(String uid) {
        this.uid = uid;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        home = java.nio.file.Files.createTempDirectory("gnupg");
        java.nio.file.Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Tools.Result made = gpg("--batch", "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "never");
        if (made.exit() != 0) {
            throw new IllegalStateException("gpg could not make a key: " + made.out());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Tools.run(home, Map.of(), "gpgconf", "--homedir", home.toString(), "--kill", "all");
        try (var walk = java.nio.file.Files.walk(home)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    public Path home() {
        return home;
    }

    public Map<String, String> environment() {
        return Map.of("GNUPGHOME", home.toString());
    }

    public Tools.Result gpg(String... arguments) {
        String[] command = new String[arguments.length + 3];
        command[0] = "gpg";
        command[1] = "--homedir";
        command[2] = home.toString();
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        return Tools.run(home, Map.of(), command);
    }
}
