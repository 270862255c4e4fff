package dev.custody.cli.tpm;

import picocli.CommandLine.Option;

/** {@code --index}: an NV index or counter, in hex. */
final class NvIndexOption {
    @Option(names = "--index", required = true, converter = HexHandle.class, paramLabel = "0x01xxxxxx",
            description = "The NV index (0x01000000-0x01ffffff).")
    int index;
}
