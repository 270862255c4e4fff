package dev.custody.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that a crash leaves either the old or the new contents, never a mix: a
 * temporary file in the same folder, fsync, rename over the target, fsync the folder.
 *
 * <p>The temporary file is created readable by its owner only, so nothing is ever exposed while
 * it is written. A replaced file keeps its mode; a new file stays owner-only. Secrets use
 * {@link #writePrivate}, which is owner-only even when it replaces a more open file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] contents) {
        write(target, contents, false);
    }

    public static void writeString(Path target, String contents) {
        write(target, contents.getBytes(StandardCharsets.UTF_8), false);
    }

    public static void writePrivate(Path target, byte[] contents) {
        write(target, contents, true);
    }

    private static void write(Path target, byte[] contents, boolean ownerOnly) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(contents);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (!ownerOnly && Files.exists(absolute)) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(absolute));
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
        syncFolder(folder);
    }

    /** The rename is durable only once the folder entry is on disk; some file systems cannot sync a folder. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // The data itself is already synced.
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Leaves only a hidden temporary file; the target is untouched.
            }
        }
    }
}
