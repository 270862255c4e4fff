package dev.custody.cli.tpm;

import dev.custody.tpm.PcrPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Checks a {@code --pcrs} list ("0,2,4,7", "0-7") while the options are read, so its error names the option. */
public final class PcrList implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            PcrPolicy.parseList(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
