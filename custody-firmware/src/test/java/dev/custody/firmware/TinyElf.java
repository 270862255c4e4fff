package dev.custody.firmware;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Minimal little-endian ELF executables for {@code cbfstool add-stage}/{@code add-payload}: an
 * ELF header, one {@code PT_LOAD} per segment, the segments' bytes, and a section header table
 * with just the null section and the section names.
 */
public final class TinyElf {
    /** One loadable segment; {@code memorySize} larger than the bytes gives zero-filled memory (bss). */
    public record Segment(long address, byte[] bytes, long memorySize, boolean executable) {}

    private TinyElf() {}

    public static byte[] i386(long entry, List<Segment> segments) {
        return build(false, 3, entry, segments);
    }

    public static byte[] x8664(long entry, List<Segment> segments) {
        return build(true, 62, entry, segments);
    }

    private static byte[] build(boolean is64, int machine, long entry, List<Segment> segments) {
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int shentsize = is64 ? 64 : 40;
        byte[] names = "\0.shstrtab\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int dataStart = 0x1000;
        int size = dataStart;
        for (Segment s : segments) {
            size += s.bytes().length;
        }
        int namesOffset = size;
        int shoff = (namesOffset + names.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(shoff + 2 * shentsize).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), 1, 1}).position(16);
        b.putShort((short) 2).putShort((short) machine).putInt(1);
        word(b, is64, entry);
        word(b, is64, ehsize);
        word(b, is64, shoff);
        b.putInt(0).putShort((short) ehsize).putShort((short) phentsize).putShort((short) segments.size())
                .putShort((short) shentsize).putShort((short) 2).putShort((short) 1);
        int offset = dataStart;
        for (Segment s : segments) {
            int flags = 4 | 2 | (s.executable() ? 1 : 0);
            b.putInt(1);
            if (is64) {
                b.putInt(flags).putLong(offset).putLong(s.address()).putLong(s.address()).putLong(s.bytes().length)
                        .putLong(s.memorySize()).putLong(16);
            } else {
                b.putInt(offset).putInt((int) s.address()).putInt((int) s.address()).putInt(s.bytes().length)
                        .putInt((int) s.memorySize()).putInt(flags).putInt(16);
            }
            b.put(offset, s.bytes());
            offset += s.bytes().length;
        }
        b.put(namesOffset, names);
        b.position(shoff + shentsize);
        b.putInt(1).putInt(3);
        word(b, is64, 0);
        word(b, is64, 0);
        word(b, is64, namesOffset);
        word(b, is64, names.length);
        b.putInt(0).putInt(0);
        word(b, is64, 1);
        word(b, is64, 0);
        return b.array();
    }

    private static void word(ByteBuffer b, boolean is64, long value) {
        if (is64) {
            b.putLong(value);
        } else {
            b.putInt((int) value);
        }
    }
}
