package dev.custody.eventlog;

import dev.custody.common.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Entry point for reading measurement logs of any supported format. */
public final class EventLogs {
    private EventLogs() {}

    /** Reads the whole file first: securityfs logs change size while being read in pieces. */
    public static EventLog read(Path file) throws IOException {
        return parse(InputFiles.readAllBytes(file));
    }

    /** Detects the format and parses; throws {@link MalformedLogException} with a one-line reason. */
    public static EventLog parse(byte[] data) {
        if (data.length == 0) {
            throw new MalformedLogException("empty input: not a measurement log");
        }
        if (CbmemTextParser.looksLikeCbmemText(data)) {
            return CbmemTextParser.parse(data);
        }
        if (TcgBinaryParser.looksLikeTcg(data)) {
            return TcgBinaryParser.parse(data);
        }
        if (CorebootTableParser.looksLikeTable(data)) {
            return CorebootTableParser.parse(data);
        }
        throw new MalformedLogException(unrecognised(data));
    }

    private static String unrecognised(byte[] data) {
        if (isText(data)) {
            return "not a measurement log: this is text, and not the output of cbmem -L";
        }
        if (data.length < 32) {
            return "not a measurement log: " + data.length + " bytes is shorter than any log header";
        }
        return "not a measurement log: the first bytes (" + Bytes.of(data, 0, 16).hex()
                + ") match no TCG or coreboot log format";
    }

    private static boolean isText(byte[] data) {
        String sample = new String(data, 0, Math.min(data.length, 512), StandardCharsets.ISO_8859_1);
        return sample.chars().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f));
    }
}
