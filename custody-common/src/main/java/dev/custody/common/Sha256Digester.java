package dev.custody.common;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** SHA-256 of a file or of bytes. */
public interface Sha256Digester {
    /** The digest of what is left to read in {@code channel}. */
    byte[] digest(FileChannel channel) throws IOException;

    byte[] digest(byte[] data, int offset, int length);
}
