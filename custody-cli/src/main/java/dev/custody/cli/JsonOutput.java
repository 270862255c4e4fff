package dev.custody.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The {@code --json} switch, the same on every command that reports something: the result as one
 * JSON object on standard output instead of text.
 */
public final class JsonOutput {
    @Option(names = "--json", description = "Print the result as JSON instead of text.") boolean json;

    public boolean requested() {
        return json;
    }

    /** A JSON object whose members keep the order given: alternating names and values. */
    public static java.util.Map<String, Object> object(Object... namesAndValues) {
        return dev.custody.common.JsonMaps.object(namesAndValues);
    }

    /** Prints {@code value} as JSON when asked, else the text. */
    public void print(Object value, String text) {
        System.out.println(json ? Json.write(value) : text);
    }

    /** Prints the value as JSON to {@code out} when asked, else the lines of text; only the form printed is built. */
    public void print(PrintWriter out, Supplier<?> value, Supplier<List<String>> lines) {
        if (json) {
            out.println(Json.write(value.get()));
        } else {
            lines.get().forEach(out::println);
        }
        out.flush();
    }
}
