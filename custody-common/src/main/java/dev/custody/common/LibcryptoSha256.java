package dev.custody.common;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * SHA-256 through OpenSSL's libcrypto, the data passed in one native buffer. At boot a fresh JVM
 * hashes /boot once: the JDK's SHA-256 reaches the CPU's SHA extensions only after C2 has compiled
 * it, so most of a 189 MB /boot would be hashed by interpreted and C1 code (0.4 s of CPU against
 * 0.12 s), while libcrypto uses them from the first byte. Compiled for Java 22 (the FFM API) and
 * loaded by name ({@link Libcrypto}); it cannot be made where the JVM denies this module native
 * access or libcrypto 3 is missing, and then the JDK hashes. Either gives the same digest, so a
 * file that does not match its signed hash is refused whichever one ran.
 */
public final class LibcryptoSha256 implements Sha256Digester {
    /** OpenSSL's SHA256_CTX is 112 bytes (eight state words, two length words, a 64-byte block, two counters); room to spare. */
    private static final long CONTEXT_BYTES = 256;
    private static final int BUFFER = 1 << 20;
    /**
     * One buffer per hashing thread, allocated once: an arena zeroes what it allocates in Java code,
     * which at boot runs interpreted (a 1 MiB segment per file was 0.3 s of CPU for a 68-file /boot).
     */
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));

    private final MethodHandle init;
    private final MethodHandle update;
    private final MethodHandle finish;

    /** @throws IllegalStateException when this JVM may not or cannot call libcrypto */
    public LibcryptoSha256() {
        if (!LibcryptoSha256.class.getModule().isNativeAccessEnabled()) {
            throw new IllegalStateException("no native access");
        }
        SymbolLookup library = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
        Linker linker = Linker.nativeLinker();
        init = linker.downcallHandle(library.find("SHA256_Init").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        update = linker.downcallHandle(library.find("SHA256_Update").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        finish = linker.downcallHandle(library.find("SHA256_Final").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    @Override
    public byte[] digest(FileChannel channel) throws IOException {
        ByteBuffer buffer = BUFFERS.get();
        return digest(context -> {
            int read;
            while ((read = channel.read(buffer.clear())) >= 0) {
                update(context, buffer, read);
            }
        });
    }

    @Override
    public byte[] digest(byte[] data, int offset, int length) {
        ByteBuffer buffer = BUFFERS.get();
        try {
            return digest(context -> {
                for (int done = 0; done < length; ) {
                    int chunk = Math.min(BUFFER, length - done);
                    buffer.clear().put(data, offset + done, chunk);
                    update(context, buffer, chunk);
                    done += chunk;
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("no I/O here", e);
        }
    }

    private interface Feed {
        void into(MemorySegment context) throws IOException;
    }

    private byte[] digest(Feed feed) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment context = arena.allocate(CONTEXT_BYTES, 16);
            succeed((int) init.invokeExact(context), "SHA256_Init");
            feed.into(context);
            MemorySegment digest = arena.allocate(32);
            succeed((int) finish.invokeExact(digest, context), "SHA256_Final");
            return digest.toArray(ValueLayout.JAVA_BYTE);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libcrypto's SHA-256 failed", e);
        }
    }

    /** Passes the first {@code length} bytes of {@code buffer}, whatever its position. */
    private void update(MemorySegment context, ByteBuffer buffer, int length) {
        try {
            succeed((int) update.invokeExact(context, MemorySegment.ofBuffer(buffer.clear()), (long) length), "SHA256_Update");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libcrypto's SHA-256 failed", e);
        }
    }

    private static void succeed(int result, String function) {
        if (result != 1) {
            throw new IllegalStateException("libcrypto's " + function + " failed");
        }
    }
}
