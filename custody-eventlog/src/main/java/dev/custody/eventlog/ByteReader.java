package dev.custody.eventlog;

/**
 * A little-endian cursor over a log that fails with a message naming the item being read, the
 * field and the offset, instead of an index exception.
 */
final class ByteReader {
    private final byte[] data;
    private final int end;
    private int position;
    private String item = "header";

    ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    ByteReader(byte[] data, int start, int end) {
        this.data = data;
        this.position = start;
        this.end = end;
    }

    /** Names what is being read, e.g. "event 5", for the messages of later failures. */
    void item(String name) {
        this.item = name;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    boolean restIsZero() {
        for (int i = position; i < end; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    int u8(String field) {
        need(1, field);
        return data[position++] & 0xff;
    }

    int u16(String field) {
        need(2, field);
        int value = (data[position] & 0xff) | (data[position + 1] & 0xff) << 8;
        position += 2;
        return value;
    }

    long u32(String field) {
        return littleEndian(4, field);
    }

    long u64(String field) {
        return littleEndian(8, field);
    }

    private long littleEndian(int width, String field) {
        need(width, field);
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = value << 8 | (data[position + i] & 0xff);
        }
        position += width;
        return value;
    }

    /** A length field that must fit in what is left, read as an int. */
    int length(String field, long value) {
        if (value < 0 || value > remaining()) {
            throw fail(field, position, "says " + Long.toUnsignedString(value) + " bytes follow but only " + remaining() + " remain");
        }
        return (int) value;
    }

    Bytes bytes(long count, String field) {
        need(count, field);
        Bytes value = Bytes.of(data, position, position + (int) count);
        position += (int) count;
        return value;
    }

    void skip(long count, String field) {
        need(count, field);
        position += (int) count;
    }

    MalformedLogException fail(String field, int offset, String problem) {
        return new MalformedLogException(
                String.format("%s, field %s at offset 0x%x: %s", item, field, offset, problem));
    }

    private void need(long count, String field) {
        if (count < 0) {
            throw fail(field, position, "length " + Long.toUnsignedString(count) + " is impossible");
        }
        if (count > remaining()) {
            throw fail(field, position, "truncated: needs " + count + " bytes, " + remaining() + " remain");
        }
    }
}
