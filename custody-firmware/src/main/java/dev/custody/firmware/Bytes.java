package dev.custody.firmware;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads and writes of fixed-width integers and C strings. Firmware structures mix
 * byte orders (CBFS is big-endian, FMAP and the Intel descriptor little-endian), so each call
 * says which one it wants.
 */
public final class Bytes {
    private static final VarHandle U16_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U64_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    /** Fails unless {@code length} bytes starting at {@code offset} lie inside {@code bytes}. */
    public static void require(byte[] bytes, long offset, long length, String structure, String field) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new ImageFormatException(structure, offset, field + " needs " + length
                    + " bytes but the image ends at 0x" + Integer.toHexString(bytes.length));
        }
    }

    public static int u16le(byte[] b, int offset, String structure, String field) {
        require(b, offset, 2, structure, field);
        return Short.toUnsignedInt((short) U16_LE.get(b, offset));
    }

    public static int u32le(byte[] b, int offset, String structure, String field) {
        require(b, offset, 4, structure, field);
        return (int) U32_LE.get(b, offset);
    }

    public static int u32be(byte[] b, int offset, String structure, String field) {
        require(b, offset, 4, structure, field);
        return (int) U32_BE.get(b, offset);
    }

    public static long u64le(byte[] b, int offset, String structure, String field) {
        require(b, offset, 8, structure, field);
        return (long) U64_LE.get(b, offset);
    }

    public static long u64be(byte[] b, int offset, String structure, String field) {
        require(b, offset, 8, structure, field);
        return (long) U64_BE.get(b, offset);
    }

    public static void putU16le(byte[] b, int offset, int value) {
        U16_LE.set(b, offset, (short) value);
    }

    public static void putU32le(byte[] b, int offset, int value) {
        U32_LE.set(b, offset, value);
    }

    public static void putU32be(byte[] b, int offset, int value) {
        U32_BE.set(b, offset, value);
    }

    public static void putU64le(byte[] b, int offset, long value) {
        U64_LE.set(b, offset, value);
    }

    public static void putU64be(byte[] b, int offset, long value) {
        U64_BE.set(b, offset, value);
    }

    /** A NUL-terminated ASCII string in a field of at most {@code max} bytes. */
    public static String cString(byte[] b, int offset, int max, String structure, String field) {
        require(b, offset, Math.min(max, b.length - (long) offset), structure, field);
        int end = offset;
        int limit = Math.min(b.length, offset + max);
        while (end < limit && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /**
     * Writes {@code text} NUL-padded into a field of exactly {@code width} bytes. A text that fills
     * the field has no terminator, as {@link #cString} reads such a field, so what was read can be
     * written back.
     */
    public static void putCString(byte[] b, int offset, int width, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > width) {
            throw new IllegalArgumentException("name '" + text + "' does not fit in " + width + " bytes");
        }
        System.arraycopy(ascii, 0, b, offset, ascii.length);
        java.util.Arrays.fill(b, offset + ascii.length, offset + width, (byte) 0);
    }

    public static boolean startsWith(byte[] b, int offset, byte[] magic) {
        return offset >= 0 && offset + magic.length <= b.length
                && java.util.Arrays.equals(b, offset, offset + magic.length, magic, 0, magic.length);
    }

    public static int alignUp(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
