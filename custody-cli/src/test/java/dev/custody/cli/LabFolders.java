package dev.custody.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test with a lab machine of its own ({@link TestLab}): {@link #work} for its other files and
 * {@link #lab} for the machine's folder, which the test creates when it needs the machine.
 */
public abstract class LabFolders {
    @RegisterExtension
    protected final TestLab testLab = new TestLab();

    protected Path work;
    protected Path lab;

    @BeforeEach
    final void labFolders() {
        work = testLab.work();
        lab = testLab.directory();
    }
}
