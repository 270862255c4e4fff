package dev.custody.boot.entry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Shared by the boot-configuration targets: a small /boot whose files entries may name. */
abstract class BootConfigFuzzTest {
    static Path boot;

    @BeforeAll
    static void createBoot() throws IOException {
        boot = Files.createTempDirectory("custody-fuzz-boot");
        Files.writeString(boot.resolve("vmlinuz"), "kernel");
        Files.writeString(boot.resolve("initrd.img"), "initrd");
        Files.createDirectories(boot.resolve("loader/entries"));
    }

    @AfterAll
    static void removeBoot() throws IOException {
        try (var files = Files.walk(boot)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** A scan that reads configs and admits files the way signing would. */
    static Scan scan() {
        return new Scan(BootContent.toBeSigned(boot));
    }

    static List<String> lines(byte[] data) {
        return new String(data, StandardCharsets.UTF_8).lines().toList();
    }
}
