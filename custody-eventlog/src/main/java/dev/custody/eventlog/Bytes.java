package dev.custody.eventlog;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string: digests and event data are compared and printed, never mutated. */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    public static Bytes of(byte[] value) {
        return new Bytes(value.clone());
    }

    public static Bytes of(byte[] source, int from, int to) {
        return new Bytes(Arrays.copyOfRange(source, from, to));
    }

    /** Parses lower- or upper-case hex, with an optional {@code 0x} prefix. */
    public static Bytes fromHex(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        return new Bytes(HEX.parseHex(digits));
    }

    public static Bytes filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return new Bytes(bytes);
    }

    public int length() {
        return value.length;
    }

    public int get(int index) {
        return value[index] & 0xff;
    }

    public byte[] toArray() {
        return value.clone();
    }

    public Bytes slice(int from, int to) {
        return new Bytes(Arrays.copyOfRange(value, from, to));
    }

    /** Lower-case hex, as every Custody output prints digests. */
    public String hex() {
        return HEX.formatHex(value);
    }

    /** Bytes readable by the digest code without a copy; callers must not modify them. */
    byte[] unsafeArray() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
