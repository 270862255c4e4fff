package dev.custody.tpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes that never leave a half-written file: temp file in the same folder, fsync, rename. */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void writeString(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8), false);
    }

    /** For secrets: the file is created readable by its owner only (0600) before any byte is written. */
    public static void writePrivate(Path target, byte[] content) {
        write(target, content, true);
    }

    public static void write(Path target, byte[] content, boolean ownerOnly) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = ownerOnly
                    ? Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncFolder(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Leaves only a hidden temp file; the target is untouched.
                }
            }
        }
    }

    /** The rename is durable only once the folder entry itself is on disk. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot sync a directory; the data itself is already synced.
        }
    }
}
