package dev.custody.boot.fs;

/** What a name in /boot is, as {@code lstat} sees it: links are never followed. */
public enum FileType {
    REGULAR("a regular file"),
    DIRECTORY("a folder"),
    SYMLINK("a symbolic link"),
    FIFO("a FIFO (named pipe)"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a socket"),
    MISSING("missing"),
    UNREADABLE("a name that cannot be examined (permissions or an I/O error)");

    private final String description;

    FileType(String description) {
        this.description = description;
    }

    /** "a FIFO (named pipe)", for findings. */
    public String description() {
        return description;
    }
}
