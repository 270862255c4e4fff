package dev.custody.boot.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SHA-256 of many files at once, one file per core, largest first so that two big initrds do not
 * end up on the same core. The JDK's SHA-256 uses the CPU's SHA extensions where present.
 */
public final class FileHasher {
    private static final int BUFFER = 1 << 20;

    private FileHasher() {}

    /** Digest per path (paths as given, relative to {@code root}); empty for a file that vanished. */
    public static Map<String, Optional<byte[]>> hash(Path root, List<String> paths) {
        List<String> bySize = paths.stream().sorted(Comparator.comparingLong((String p) -> size(root, p)).reversed()).toList();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), paths.size()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            Map<String, Future<Optional<byte[]>>> futures = new LinkedHashMap<>();
            for (String path : bySize) {
                futures.put(path, pool.submit(() -> hashOne(root.resolve(strip(path)))));
            }
            Map<String, Optional<byte[]>> digests = new LinkedHashMap<>();
            for (String path : paths) {
                digests.put(path, get(futures.get(path)));
            }
            return digests;
        }
    }

    private static Optional<byte[]> get(Future<Optional<byte[]>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public static Optional<byte[]> hashOne(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest digest = sha256();
            byte[] array = new byte[BUFFER];
            ByteBuffer buffer = ByteBuffer.wrap(array);
            int read;
            while ((read = channel.read(buffer.clear())) >= 0) {
                digest.update(array, 0, read);
            }
            return Optional.of(digest.digest());
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private static long size(Path root, String path) {
        try {
            return java.nio.file.Files.size(root.resolve(strip(path)));
        } catch (IOException e) {
            return 0;
        }
    }

    static String strip(String path) {
        return path.startsWith("./") ? path.substring(2) : path.startsWith("/") ? path.substring(1) : path;
    }
}
