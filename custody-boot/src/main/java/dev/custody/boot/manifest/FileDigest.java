package dev.custody.boot.manifest;

import dev.custody.boot.fs.FileType;
import java.util.Optional;

/** What hashing one listed file gave: its SHA-256, or why there is none. */
public sealed interface FileDigest {
    /** The digest, when the name is a regular file that could be read. */
    default Optional<byte[]> sha256() {
        return this instanceof Hashed hashed ? Optional.of(hashed.digest()) : Optional.empty();
    }

    /** The digest, or why the file at {@code path} has none, as an error naming it. */
    default byte[] orElseThrow(String path) {
        return switch (this) {
            case Hashed hashed -> hashed.digest();
            case Missing missing -> throw new IllegalStateException(path + " vanished while it was being hashed");
            case NotRegular other -> throw new IllegalStateException(path + " is " + other.type().description() + ", not a regular file");
            case Unreadable unreadable -> throw new IllegalStateException(path + " " + unreadable.reason());
        };
    }

    /** Why there is no digest, for a finding; empty for a hashed file. */
    default String problem() {
        return switch (this) {
            case Hashed hashed -> "";
            case Missing missing -> "missing";
            case NotRegular other -> "is " + other.type().description() + " where a regular file was signed;"
                    + " it is not opened or followed";
            case Unreadable unreadable -> unreadable.reason();
        };
    }

    record Hashed(byte[] digest) implements FileDigest {}

    record Missing() implements FileDigest {}

    /** A link, folder, FIFO, device or socket: never opened, so never followed and never blocking. */
    record NotRegular(FileType type) implements FileDigest {}

    record Unreadable(String reason) implements FileDigest {}
}
