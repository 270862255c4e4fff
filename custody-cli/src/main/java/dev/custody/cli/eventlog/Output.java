package dev.custody.cli.eventlog;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.StandardOutput;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;

/** The --json option every eventlog command has, and printing in either form. */
final class Output {
    @Mixin JsonOutput json;

    /** Prints the JSON when asked, else the lines of text; only the form printed is built. */
    void print(Supplier<?> jsonValue, Supplier<List<String>> text) {
        json.print(StandardOutput.writer(), jsonValue, text);
    }
}
