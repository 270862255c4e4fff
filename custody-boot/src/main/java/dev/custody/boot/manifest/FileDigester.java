package dev.custody.boot.manifest;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** The SHA-256 of what is left to read in a file. */
interface FileDigester {
    byte[] digest(FileChannel channel) throws IOException;
}
