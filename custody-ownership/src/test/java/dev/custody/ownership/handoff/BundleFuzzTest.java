package dev.custody.ownership.handoff;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A whole bundle as {@code own receive} opens it: manifest.json, its signature manifest.json.asc
 * and the provisioner's key provisioner.asc, all three written by whoever had the bundle.
 */
class BundleFuzzTest {
    private static final String FINGERPRINT = "0123456789ABCDEF0123456789ABCDEF01234567";
    private static Path bundle;

    @BeforeAll
    static void createBundle() throws IOException {
        bundle = Files.createTempDirectory("custody-fuzz-bundle");
    }

    @AfterAll
    static void removeBundle() throws IOException {
        try (var files = Files.list(bundle)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(bundle);
    }

    @FuzzTest
    void bundle(FuzzedDataProvider input) throws IOException {
        BundleFiles files = new BundleFiles(bundle);
        Files.write(files.manifest(), input.consumeBytes(input.consumeInt(0, 4096)));
        Files.write(files.signature(), input.consumeBytes(input.consumeInt(0, 4096)));
        Files.write(files.provisionerKey(), input.consumeRemainingAsBytes());
        try {
            Bundle.open(bundle).verify(new TrustAnchor.Fingerprint(FINGERPRINT));
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, "");
        }
    }
}
