package dev.custody.boot.entry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;

/** A Boot Loader Specification entry file in /boot/loader/entries. */
class BlsEntriesFuzzTest extends BootConfigFuzzTest {
    @FuzzTest
    void blsEntry(byte[] data) throws IOException {
        Files.write(boot.resolve("loader/entries/fuzz.conf"), data);
        BlsEntries.read(scan(), boot, "/loader/entries", "root=/dev/sda1 quiet");
    }
}
