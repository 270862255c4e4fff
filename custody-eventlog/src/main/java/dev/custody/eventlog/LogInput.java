package dev.custody.eventlog;

import java.io.IOException;
import java.nio.file.Path;

/** A log and where it came from, as the commands' FILE argument names it: a file, "-" for stdin, or "host". */
public record LogInput(String name, EventLog log) {
    public static final String HOST = "host";
    public static final String STDIN = "-";

    public static LogInput load(String argument) throws IOException {
        String name = argument == null || argument.equals(HOST) ? HostLog.source()
                : argument.equals(STDIN) ? "stdin" : argument;
        try {
            if (argument == null || argument.equals(HOST)) {
                return new LogInput(name, HostLog.read());
            }
            if (argument.equals(STDIN)) {
                return new LogInput(name, EventLogs.parse(System.in.readAllBytes()));
            }
            return new LogInput(name, EventLogs.read(Path.of(argument)));
        } catch (MalformedLogException e) {
            throw new MalformedLogException(name + ": " + e.getMessage());
        }
    }
}
