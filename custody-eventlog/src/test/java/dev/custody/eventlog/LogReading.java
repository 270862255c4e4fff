package dev.custody.eventlog;

import dev.custody.common.fuzz.FuzzRefusals;
import java.util.function.Function;

/**
 * What the eventlog commands do with a log they were given, for the fuzz targets: parse it with
 * {@code parser}, decode and describe every event, replay it and check its digests. Any exception
 * but {@link MalformedLogException} escapes and is a finding.
 */
final class LogReading {
    private LogReading() {}

    static void read(byte[] data, Function<byte[], EventLog> parser) {
        EventLog log;
        try {
            log = parser.apply(data);
        } catch (MalformedLogException refused) {
            FuzzRefusals.requireOneLine(refused);
            return;
        }
        for (Event event : log.events()) {
            EventDecoder.decode(event, log.format()).describe();
        }
        Replayer.replay(log);
        DigestCheck.check(log);
    }
}
