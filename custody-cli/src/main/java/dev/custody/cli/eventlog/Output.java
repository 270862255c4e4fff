package dev.custody.cli.eventlog;

import dev.custody.cli.Json;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The --json option every eventlog command has, and printing in either form. */
final class Output {
    @Option(names = "--json", description = "Print JSON (formats in the README).")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    void print(Supplier<Object> jsonValue, Consumer<PrintWriter> text) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(jsonValue.get()));
        } else {
            text.accept(out);
        }
        out.flush();
    }
}
