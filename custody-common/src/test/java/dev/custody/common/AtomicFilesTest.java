package dev.custody.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path work;

    @Test
    void replacesContentsKeepingTheModeAndLeavingNoTemporaryFile() throws IOException {
        Path file = Files.writeString(work.resolve("config"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.writeString(file, "new");
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (var files = Files.list(work)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void secretsAreOwnerOnlyEvenWhenReplacingAnOpenFile() throws IOException {
        Path file = Files.writeString(work.resolve("key"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFiles.writePrivate(file, new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFailedWriteNamesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path occupied = Files.createDirectory(work.resolve("occupied"));
        Files.writeString(occupied.resolve("child"), "keep");
        assertThatThrownBy(() -> AtomicFiles.writeString(occupied, "new"))
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot write " + occupied);
        assertThat(Files.readString(occupied.resolve("child"))).isEqualTo("keep");
        try (var files = Files.list(work)) {
            assertThat(files).containsExactly(occupied);
        }
    }
}
