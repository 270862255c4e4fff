package dev.custody.firmware.cbfs;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;
import java.util.Arrays;

/**
 * One file attribute ({@code struct cbfs_file_attribute}: big-endian tag and length, then the
 * body). Each record reads and writes its own body.
 */
public sealed interface CbfsAttribute {
    int TAG_UNUSED = 0;
    int TAG_UNUSED2 = 0xffffffff;
    int HEADER_SIZE = 8;

    int tag();

    /** The body, without the 8-byte tag and length. */
    byte[] body();

    default byte[] toBytes() {
        byte[] body = body();
        byte[] out = new byte[HEADER_SIZE + body.length];
        Bytes.putU32be(out, 0, tag());
        Bytes.putU32be(out, 4, out.length);
        System.arraycopy(body, 0, out, HEADER_SIZE, body.length);
        return out;
    }

    static CbfsAttribute read(int tag, byte[] body, String structure, long offset) {
        return switch (tag) {
            case CompressionInfo.TAG -> CompressionInfo.read(body, structure, offset);
            case Hash.TAG -> Hash.read(body, structure, offset);
            case Position.TAG -> new Position(word(body, 0, structure, offset, "position"));
            case Alignment.TAG -> new Alignment(word(body, 0, structure, offset, "alignment"));
            case Ibb.TAG -> new Ibb();
            case Padding.TAG -> new Padding(body.length);
            case StageHeader.TAG -> StageHeader.read(body, structure, offset);
            default -> new Unrecognised(tag, body);
        };
    }

    private static int word(byte[] body, int at, String structure, long offset, String field) {
        if (body.length < at + 4) {
            throw new ImageFormatException(structure, offset, "attribute field '" + field + "' is truncated");
        }
        return Bytes.u32be(body, at, structure, field);
    }

    private static byte[] wordBody(int value) {
        byte[] body = new byte[4];
        Bytes.putU32be(body, 0, value);
        return body;
    }

    /** {@code BCZL}: algorithm and decompressed size. */
    record CompressionInfo(Compression compression, int decompressedSize) implements CbfsAttribute {
        static final int TAG = 0x42435a4c;

        static CompressionInfo read(byte[] body, String structure, long offset) {
            return new CompressionInfo(Compression.of(word(body, 0, structure, offset, "compression")),
                    word(body, 4, structure, offset, "decompressed_size"));
        }

        @Override public int tag() { return TAG; }

        @Override
        public byte[] body() {
            byte[] body = new byte[8];
            Bytes.putU32be(body, 0, compression.code());
            Bytes.putU32be(body, 4, decompressedSize);
            return body;
        }
    }

    /** {@code Hash}: a vboot hash algorithm number and the digest of the stored data. */
    record Hash(int algorithm, byte[] digest) implements CbfsAttribute {
        static final int TAG = 0x68736148;
        public static final int SHA1 = 1;
        public static final int SHA256 = 2;
        public static final int SHA512 = 3;

        static Hash read(byte[] body, String structure, long offset) {
            int algorithm = word(body, 0, structure, offset, "hash_type");
            return new Hash(algorithm, Arrays.copyOfRange(body, 4, body.length));
        }

        /** The JCA name of the algorithm, for the vboot numbers Java implements. */
        public java.util.Optional<String> javaAlgorithm() {
            return switch (algorithm) {
                case SHA1 -> java.util.Optional.of("SHA-1");
                case SHA256 -> java.util.Optional.of("SHA-256");
                case SHA512 -> java.util.Optional.of("SHA-512");
                default -> java.util.Optional.empty();
            };
        }

        @Override public int tag() { return TAG; }

        @Override
        public byte[] body() {
            byte[] body = new byte[4 + digest.length];
            Bytes.putU32be(body, 0, algorithm);
            System.arraycopy(digest, 0, body, 4, digest.length);
            return body;
        }
    }

    /** {@code BCSP}: the file was placed at a fixed position. */
    record Position(int position) implements CbfsAttribute {
        static final int TAG = 0x42435350;

        @Override public int tag() { return TAG; }

        @Override public byte[] body() { return wordBody(position); }
    }

    /** {@code BCLA}: the file's data was aligned. */
    record Alignment(int alignment) implements CbfsAttribute {
        static final int TAG = 0x42434c41;

        @Override public int tag() { return TAG; }

        @Override public byte[] body() { return wordBody(alignment); }
    }

    /** {@code 2IBB}: part of Intel Boot Guard's initial boot block. */
    record Ibb() implements CbfsAttribute {
        static final int TAG = 0x32494242;

        @Override public int tag() { return TAG; }

        @Override public byte[] body() { return new byte[0]; }
    }

    /** {@code PADG}: filler that moves the data to the right place. */
    record Padding(int length) implements CbfsAttribute {
        static final int TAG = 0x47444150;

        @Override public int tag() { return TAG; }

        @Override public byte[] body() { return new byte[length]; }
    }

    /**
     * {@code StgH}: where a stage is loaded and where it starts (coreboot 4.14 and later); the
     * body is the big-endian loadaddr (8 bytes), entry_offset and memlen, in that order.
     */
    record StageHeader(long loadAddress, int entryOffset, int memoryLength) implements CbfsAttribute {
        static final int TAG = 0x53746748;

        static StageHeader read(byte[] body, String structure, long offset) {
            if (body.length < 16) {
                throw new ImageFormatException(structure, offset, "stage header attribute is truncated");
            }
            return new StageHeader(Bytes.u64be(body, 0, structure, "loadaddr"),
                    Bytes.u32be(body, 8, structure, "entry_offset"), Bytes.u32be(body, 12, structure, "memlen"));
        }

        @Override public int tag() { return TAG; }

        @Override
        public byte[] body() {
            byte[] body = new byte[16];
            Bytes.putU64be(body, 0, loadAddress);
            Bytes.putU32be(body, 8, entryOffset);
            Bytes.putU32be(body, 12, memoryLength);
            return body;
        }
    }

    /** A tag this version does not know; kept byte for byte so that editing preserves it. */
    record Unrecognised(int tag, byte[] body) implements CbfsAttribute {}
}
