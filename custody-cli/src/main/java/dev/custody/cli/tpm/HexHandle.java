package dev.custody.cli.tpm;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads TPM handles and NV indexes written in hex ("0x81000100") or decimal. */
public final class HexHandle implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            return v.startsWith("0x") ? Integer.parseUnsignedInt(v.substring(2), 16) : Integer.parseUnsignedInt(v);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a 32-bit hex number (write a handle like 0x81000100)");
        }
    }

    public static String format(int handle) {
        return String.format("0x%08x", handle);
    }
}
