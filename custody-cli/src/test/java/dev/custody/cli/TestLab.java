package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A lab machine per test, made with {@code custody lab create} in a fresh folder and stopped
 * after the test: {@code @RegisterExtension final TestLab testLab = new TestLab();}.
 */
public final class TestLab implements BeforeEachCallback, AfterEachCallback {
    private Path work;
    private Path lab;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        work = Files.createTempDirectory("custody-test-lab-");
    }

    /** A folder for the test's other files. */
    public Path work() {
        return work;
    }

    /** Creates the lab machine (once) and returns its folder. */
    public Path create() {
        if (lab == null) {
            lab = work.resolve("lab");
            CliRun created = CliRun.of("lab", "create", lab.toString());
            assertThat(created.exitCode()).as(created.err()).isZero();
        }
        return lab;
    }

    /** The lab's folder, even before it was created (for tests that create it themselves). */
    public Path directory() {
        return work.resolve("lab");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CliRun.of("lab", "stop", directory().toString());
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
