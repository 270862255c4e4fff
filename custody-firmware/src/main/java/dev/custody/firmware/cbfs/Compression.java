package dev.custody.firmware.cbfs;

import dev.custody.firmware.ImageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.LZMAOutputStream;

/**
 * The compression of a CBFS file's data, with coreboot's framing: LZMA as the 13-byte-header
 * "LZMA alone" stream, LZ4 as an LZ4 frame with independent 64 KiB blocks and no checksums.
 */
public sealed interface Compression permits Compression.None, Compression.Lzma, Compression.Lz4, Compression.Unknown {
    None NONE = new None();
    Lzma LZMA = new Lzma();
    Lz4 LZ4 = new Lz4();

    int code();

    /** none, lzma or lz4, as Custody's JSON and options spell it. */
    String label();

    byte[] compress(byte[] data);

    /**
     * Decompresses {@code stored}, which must expand to exactly {@code expectedSize} bytes;
     * {@code structure} and {@code offset} say where the data sits, for the error message.
     */
    byte[] decompress(byte[] stored, int expectedSize, String structure, long offset);

    /**
     * Decompresses {@code stored} into at most {@code limit} bytes, for data whose header only
     * bounds the size (a payload segment's mem_len); cbfstool decompresses into a buffer of that size.
     */
    byte[] decompressAtMost(byte[] stored, int limit, String structure, long offset);

    static Compression of(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> LZMA;
            case 2 -> LZ4;
            default -> new Unknown(code);
        };
    }

    static Compression named(String label) {
        return switch (label) {
            case "none" -> NONE;
            case "lzma" -> LZMA;
            case "lz4" -> LZ4;
            default -> throw new IllegalArgumentException("unknown compression '" + label + "' (none, lzma or lz4)");
        };
    }

    record None() implements Compression {
        @Override public int code() { return 0; }
        @Override public String label() { return "none"; }
        @Override public byte[] compress(byte[] data) { return data.clone(); }
        @Override public byte[] decompress(byte[] stored, int expectedSize, String structure, long offset) { return stored.clone(); }

        @Override
        public byte[] decompressAtMost(byte[] stored, int limit, String structure, long offset) {
            if (stored.length > limit) {
                throw new ImageFormatException(structure, offset, "holds " + stored.length
                        + " bytes, more than the " + limit + " it may expand to");
            }
            return stored.clone();
        }
    }

    record Lzma() implements Compression {
        @Override public int code() { return 1; }
        @Override public String label() { return "lzma"; }

        @Override
        public byte[] compress(byte[] data) {
            return Streams.deflate(data, out -> new LZMAOutputStream(out, new LZMA2Options(), data.length));
        }

        @Override
        public byte[] decompress(byte[] stored, int expectedSize, String structure, long offset) {
            return Streams.inflate(structure, offset, "LZMA", expectedSize, true, () -> decoder(stored, expectedSize));
        }

        @Override
        public byte[] decompressAtMost(byte[] stored, int limit, String structure, long offset) {
            return Streams.inflate(structure, offset, "LZMA", limit, false, () -> decoder(stored, limit));
        }

        /**
         * The decoder allocates the dictionary the stream's header asks for, up to the memory
         * limit, before it reads a byte: a 13-byte header could take 256 MiB. Output of at most
         * {@code outputLimit} bytes never reaches further back than that, so the dictionary is
         * cut down to it.
         */
        private static InputStream decoder(byte[] stored, int outputLimit) throws IOException {
            if (stored.length < 13) {
                throw new IOException("the LZMA header is truncated");
            }
            ByteBuffer header = ByteBuffer.wrap(stored, 0, 13).order(ByteOrder.LITTLE_ENDIAN);
            byte properties = header.get();
            int dictionary = header.getInt();
            long uncompressedSize = header.getLong();
            int needed = Math.max(outputLimit, 4096);
            int dictionarySize = dictionary < 0 || dictionary > needed ? needed : dictionary;
            ByteArrayInputStream body = new ByteArrayInputStream(stored, 13, stored.length - 13);
            return new LZMAInputStream(body, uncompressedSize, properties, dictionarySize);
        }
    }

    record Lz4() implements Compression {
        @Override public int code() { return 2; }
        @Override public String label() { return "lz4"; }

        @Override
        public byte[] compress(byte[] data) {
            return Streams.deflate(data, out -> new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE));
        }

        @Override
        public byte[] decompress(byte[] stored, int expectedSize, String structure, long offset) {
            return Streams.inflate(structure, offset, "LZ4", expectedSize, true,
                    () -> new LZ4FrameInputStream(new ByteArrayInputStream(stored)));
        }

        @Override
        public byte[] decompressAtMost(byte[] stored, int limit, String structure, long offset) {
            return Streams.inflate(structure, offset, "LZ4", limit, false,
                    () -> new LZ4FrameInputStream(new ByteArrayInputStream(stored)));
        }
    }

    record Unknown(int code) implements Compression {
        @Override public String label() { return "unknown(" + code + ")"; }

        @Override
        public byte[] compress(byte[] data) {
            throw new IllegalArgumentException("cannot compress with unknown algorithm " + code);
        }

        @Override
        public byte[] decompress(byte[] stored, int expectedSize, String structure, long offset) {
            throw new ImageFormatException(structure, offset, "compression attribute names unknown algorithm " + code);
        }

        @Override
        public byte[] decompressAtMost(byte[] stored, int limit, String structure, long offset) {
            throw new ImageFormatException(structure, offset, "compression field names unknown algorithm " + code);
        }
    }

    /** Bounded decompression: a hostile stream can neither run forever nor fill memory. */
    final class Streams {
        private Streams() {}

        interface Opener {
            InputStream open() throws IOException;
        }

        interface Wrapper {
            OutputStream wrap(OutputStream out) throws IOException;
        }

        static byte[] deflate(byte[] data, Wrapper compressor) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            try (OutputStream compressing = compressor.wrap(out)) {
                compressing.write(data);
            } catch (IOException e) {
                throw new IllegalStateException("compression into memory failed", e);
            }
            return out.toByteArray();
        }

        /** Larger than any flash chip: a size beyond it can only come from a corrupt header. */
        private static final int MAX_SIZE = 256 << 20;

        /** With {@code exact}, the stream must expand to {@code expectedSize}; else to at most that. */
        static byte[] inflate(String structure, long offset, String algorithm, int expectedSize, boolean exact,
                              Opener opener) {
            if (expectedSize < 0 || expectedSize > MAX_SIZE) {
                throw new ImageFormatException(structure, offset, "decompressed size 0x"
                        + Integer.toHexString(expectedSize) + " is larger than any flash chip");
            }
            try (InputStream in = opener.open()) {
                // Read, not allocated up front: a header may announce far more than the stream holds.
                byte[] out = in.readNBytes(expectedSize);
                int filled = out.length;
                if (exact && filled != expectedSize) {
                    throw bad(structure, offset, algorithm, "stream ends after " + filled + " of " + expectedSize + " bytes");
                }
                if (in.read() >= 0) {
                    throw bad(structure, offset, algorithm, "stream holds more than the " + expectedSize + " bytes its header announces");
                }
                return out;
            } catch (IOException | RuntimeException e) {
                if (e instanceof ImageFormatException known) {
                    throw known;
                }
                throw bad(structure, offset, algorithm, "stream is corrupt (" + e.getMessage() + ")");
            } catch (OutOfMemoryError e) {
                // The decoder allocates the dictionary (up to the declared size) before reading the
                // stream; an allocation that fails leaves nothing half-built, so this is a refusal.
                throw bad(structure, offset, algorithm, "stream declares 0x" + Integer.toHexString(expectedSize)
                        + " bytes, more than this machine's memory allows for decompressing it");
            }
        }

        private static ImageFormatException bad(String structure, long offset, String algorithm, String problem) {
            return new ImageFormatException(structure, offset, algorithm + " " + problem);
        }
    }
}
