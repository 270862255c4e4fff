package dev.custody.cli.tpm;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An NV index's size in bytes: TPM2_NV_DefineSpace takes a 16-bit size, and an empty index is useless. */
public final class NvSize implements ITypeConverter<Integer> {
    private static final int LARGEST = 0xFFFF;

    @Override
    public Integer convert(String value) {
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= LARGEST) {
                return size;
            }
        } catch (NumberFormatException e) {
            // Reported below, as for a size out of range.
        }
        throw new TypeConversionException("'" + value + "' is not a size in bytes from 1 to " + LARGEST);
    }
}
