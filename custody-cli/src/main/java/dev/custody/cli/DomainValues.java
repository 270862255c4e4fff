package dev.custody.cli;

import dev.custody.machine.lab.Tamper;
import dev.custody.tpm.PcrBank;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Options whose values are domain types are parsed by picocli, so that a wrong value is a usage
 * error (one line, exit 2) that names the option, rather than a failure of the command.
 */
final class DomainValues {
    private DomainValues() {}

    static void register(CommandLine cli) {
        cli.registerConverter(PcrBank.class, converter(PcrBank::parse));
        cli.registerConverter(Tamper.class, converter(Tamper::parse));
    }

    private static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }
}
