package dev.custody.cli.eventlog;

import dev.custody.eventlog.LogInput;
import java.io.IOException;
import picocli.CommandLine.Parameters;

/** {@code FILE}: the one log a subcommand reads, this machine's when it is 'host' or left out. */
final class LogFile {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The log; 'host' or none for this machine's.") String file;

    LogInput load() throws IOException {
        return LogInput.load(file);
    }
}
