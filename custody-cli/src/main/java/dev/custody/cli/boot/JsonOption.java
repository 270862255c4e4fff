package dev.custody.cli.boot;

import picocli.CommandLine.Option;

/** The {@code --json} switch of the commands that report. */
final class JsonOption {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;
}
