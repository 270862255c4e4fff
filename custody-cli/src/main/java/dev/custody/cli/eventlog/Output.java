package dev.custody.cli.eventlog;

import dev.custody.cli.Json;
import dev.custody.cli.JsonOutput;
import dev.custody.cli.StandardOutput;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;

/** The --json option every eventlog command has, and printing in either form. */
final class Output {
    @Mixin
    JsonOutput json;

    void print(Supplier<Object> jsonValue, Consumer<PrintWriter> text) {
        PrintWriter out = StandardOutput.writer();
        if (json.requested()) {
            out.println(Json.write(jsonValue.get()));
        } else {
            text.accept(out);
        }
        out.flush();
    }
}
