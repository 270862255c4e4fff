package dev.custody.cli.eventlog;

import dev.custody.cli.Json;
import dev.custody.cli.StandardOutput;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The --json option every eventlog command has, and printing in either form. */
final class Output {
    @Option(names = "--json", description = "Print JSON (formats in the README).")
    boolean json;

    void print(Supplier<Object> jsonValue, Consumer<PrintWriter> text) {
        PrintWriter out = StandardOutput.writer();
        if (json) {
            out.println(Json.write(jsonValue.get()));
        } else {
            text.accept(out);
        }
        out.flush();
    }
}
