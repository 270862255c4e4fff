package dev.custody.cli.seals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away user.home for a test class, so that the signing keys enrolment remembers
 * (~/.config/custody/seal-signers) are neither the developer's nor another test's.
 */
final class TemporaryHome implements BeforeAllCallback, AfterAllCallback {
    private String saved;
    private Path home;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        saved = System.getProperty("user.home");
        home = Files.createTempDirectory("custody-home-");
        System.setProperty("user.home", home.toString());
    }

    /** Runs {@code action} as another user would: with a home of its own. */
    void asSomeoneElse(Runnable action) throws IOException {
        String mine = System.getProperty("user.home");
        System.setProperty("user.home", Files.createTempDirectory(home, "other-").toString());
        try {
            action.run();
        } finally {
            System.setProperty("user.home", mine);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        System.setProperty("user.home", saved);
        try (var paths = Files.walk(home)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
