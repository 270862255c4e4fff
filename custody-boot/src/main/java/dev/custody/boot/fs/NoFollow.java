package dev.custody.boot.fs;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Opens files in /boot without following symbolic links and without blocking: the type is
 * checked with {@code lstat} before the file is opened ({@code O_NOFOLLOW}), so a FIFO or a
 * device is never opened, and checked again afterwards, so a name swapped for another file
 * while it was opened is refused too. A swap to a FIFO in the instant between the two checks
 * would still block the open; that needs an attacker racing the check while it runs.
 */
public final class NoFollow {
    private static final int S_IFMT = 0170000;

    private NoFollow() {}

    /** Thrown for a name that is not a regular file; says what it is instead. */
    public static final class NotRegularFile extends IOException {
        private final FileType type;

        public NotRegularFile(Path path, FileType type) {
            super(path + " is " + type.description() + ", not a regular file");
            this.type = type;
        }

        public FileType type() {
            return type;
        }
    }

    /**
     * The type of the name itself, never of what a link points to. Custody runs on Linux, where
     * every file system has the "unix" attribute view; a name that cannot be examined is
     * unreadable, which no check accepts as a regular file.
     */
    public static FileType type(Path path) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return FileType.MISSING;
        } catch (IOException e) {
            return FileType.UNREADABLE;
        }
        return switch (mode & S_IFMT) {
            case 0100000 -> FileType.REGULAR;
            case 0040000 -> FileType.DIRECTORY;
            case 0120000 -> FileType.SYMLINK;
            case 0010000 -> FileType.FIFO;
            case 0020000 -> FileType.CHARACTER_DEVICE;
            case 0060000 -> FileType.BLOCK_DEVICE;
            default -> FileType.SOCKET;
        };
    }

    /**
     * Opens a regular file for reading.
     *
     * @throws NotRegularFile     when the name is a link, folder, FIFO, device or socket
     * @throws NoSuchFileException when it does not exist
     */
    public static FileChannel openRegular(Path path) throws IOException {
        BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!before.isRegularFile()) {
            throw new NotRegularFile(path, type(path));
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!after.isRegularFile() || !Objects.equals(before.fileKey(), after.fileKey())) {
                throw new NotRegularFile(path, type(path));
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The whole of a regular file of at most {@code limit} bytes. */
    public static byte[] readRegular(Path path, int limit) throws IOException {
        try (FileChannel channel = openRegular(path)) {
            byte[] content = Channels.newInputStream(channel).readNBytes(limit + 1);
            if (content.length > limit) {
                throw new IOException(path + " is larger than " + limit + " bytes");
            }
            return content;
        }
    }
}
