package dev.custody.cli.eventlog;

import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HostLog;
import dev.custody.eventlog.MalformedLogException;
import java.io.IOException;
import java.nio.file.Path;

/** Where a log comes from, as the FILE argument names it: a file, "-" for stdin, or "host". */
record LogInput(String name, EventLog log) {
    static final String HOST = "host";
    static final String STDIN = "-";

    static LogInput load(String argument) throws IOException {
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
