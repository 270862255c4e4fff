package dev.custody.boot.manifest;

import dev.custody.boot.fs.NoFollow;
import dev.custody.common.Libcrypto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
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
 * end up on the same core. libcrypto's SHA-256 where the JVM may call it ({@link Libcrypto}), else the JDK's.
 */
public final class FileHasher {
    private static final int BUFFER = 1 << 20;

    private FileHasher() {}

    /**
     * Digest per path (paths as given, relative to {@code root}). A name that vanished, is not a
     * regular file or cannot be read gets that as its result, so one bad name never stops the rest.
     */
    public static Map<String, FileDigest> hash(Path root, List<String> paths) {
        List<String> bySize = paths.stream().sorted(Comparator.comparingLong((String p) -> size(root, p)).reversed()).toList();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), paths.size()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            Map<String, Future<FileDigest>> futures = new LinkedHashMap<>();
            for (String path : bySize) {
                futures.put(path, pool.submit(() -> digest(root.resolve(strip(path)))));
            }
            Map<String, FileDigest> digests = new LinkedHashMap<>();
            for (String path : paths) {
                digests.put(path, get(futures.get(path)));
            }
            return digests;
        }
    }

    private static FileDigest get(Future<FileDigest> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The digest of one regular file, empty when it does not exist; anything else that is not readable is an error. */
    public static Optional<byte[]> hashOne(Path file) {
        return switch (digest(file)) {
            case FileDigest.Hashed hashed -> Optional.of(hashed.digest());
            case FileDigest.Missing missing -> Optional.empty();
            case FileDigest.NotRegular other -> throw new UncheckedIOException(new NoFollow.NotRegularFile(file, other.type()));
            case FileDigest.Unreadable unreadable -> throw new UncheckedIOException(new IOException(unreadable.reason()));
        };
    }

    /** Opened without following links and only when it is a regular file, so a FIFO or device never blocks. */
    public static FileDigest digest(Path file) {
        try (FileChannel channel = NoFollow.openRegular(file)) {
            return new FileDigest.Hashed(Libcrypto.sha256().isPresent() ? Libcrypto.sha256().get().digest(channel) : jdkDigest(channel));
        } catch (NoFollow.NotRegularFile e) {
            return new FileDigest.NotRegular(e.type());
        } catch (java.nio.file.NoSuchFileException e) {
            return new FileDigest.Missing();
        } catch (IOException e) {
            return new FileDigest.Unreadable("cannot be read: " + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        }
    }

    static byte[] jdkDigest(FileChannel channel) throws IOException {
        MessageDigest digest = sha256();
        byte[] array = new byte[BUFFER];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        int read;
        while ((read = channel.read(buffer.clear())) >= 0) {
            digest.update(array, 0, read);
        }
        return digest.digest();
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
            return java.nio.file.Files.readAttributes(root.resolve(strip(path)), java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).size();
        } catch (IOException e) {
            return 0;
        }
    }

    static String strip(String path) {
        return path.startsWith("./") ? path.substring(2) : path.startsWith("/") ? path.substring(1) : path;
    }
}
