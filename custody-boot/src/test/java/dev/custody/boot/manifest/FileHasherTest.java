package dev.custody.boot.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.common.Libcrypto;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHasherTest {
    @TempDir
    Path dir;

    /** Sizes around the native buffer (1 MiB) and SHA-256's 64-byte block, so every tail is covered. */
    private static final List<Integer> SIZES = List.of(0, 1, 63, 64, 65, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17);

    @Test
    void libcryptoIsUsedWhereTheLauncherAllowsNativeAccess() {
        // Surefire runs with the launcher's --enable-native-access, and this machine has libcrypto 3:
        // the boot-time path must not silently fall back to the slow one.
        assertTrue(Libcrypto.sha256().isPresent());
    }

    @Test
    void libcryptoAndTheJdkGiveTheSameDigests() throws Exception {
        Random random = new Random(15);
        for (int size : SIZES) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Path file = Files.write(dir.resolve("f" + size), content);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(content);
            assertArrayEquals(expected, nativeDigest(file), "libcrypto, " + size + " bytes");
            assertArrayEquals(expected, Libcrypto.sha256().orElseThrow().digest(content, 0, size), "libcrypto, array of " + size);
            try (FileChannel channel = FileChannel.open(file)) {
                assertArrayEquals(expected, FileHasher.jdkDigest(channel), "JDK, " + size + " bytes");
            }
            FileDigest hashed = FileHasher.hash(dir, List.of("./f" + size)).get("./f" + size);
            assertArrayEquals(expected, assertInstanceOf(FileDigest.Hashed.class, hashed).digest());
        }
    }

    @Test
    void aFileThatIsNotRegularIsNeverHashed() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Map<String, FileDigest> digests = FileHasher.hash(dir, List.of("./sub", "./gone"));
        assertInstanceOf(FileDigest.NotRegular.class, digests.get("./sub"));
        assertInstanceOf(FileDigest.Missing.class, digests.get("./gone"));
    }

    private static byte[] nativeDigest(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return Libcrypto.sha256().orElseThrow().digest(channel);
        }
    }
}
