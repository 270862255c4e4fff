package dev.custody.common;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an input file so that every failure names the file: Java's own "Is a directory" does not
 * say which one, and a user who gave a folder by mistake needs to know which argument it was.
 */
public final class InputFiles {
    private InputFiles() {}

    public static byte[] readAllBytes(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a folder, not a file");
        }
        return Files.readAllBytes(file);
    }
}
