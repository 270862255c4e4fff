package dev.custody.firmware.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CBFS names coreboot measured into PCR 2, read from the text {@code cbmem -L} prints
 * ({@code  PCR-2 <hex> SHA256 [FMAP: COREBOOT CBFS: fallback/romstage]}).
 */
public final class CbmemLog {
    private static final Pattern ENTRY = Pattern.compile("^\\s*PCR-(\\d+)\\s+([0-9a-fA-F]+)\\s+\\S+\\s+\\[(.*)]\\s*$");
    private static final String CBFS_MARKER = "CBFS: ";

    private CbmemLog() {}

    public static List<String> measuredCbfsNames(String text, int pcr) {
        List<String> names = new ArrayList<>();
        int entries = 0;
        for (String line : text.lines().toList()) {
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            entries++;
            int marker = m.group(3).lastIndexOf(CBFS_MARKER);
            if (Integer.parseInt(m.group(1)) == pcr && marker >= 0) {
                names.add(m.group(3).substring(marker + CBFS_MARKER.length()));
            }
        }
        if (entries == 0) {
            throw new IllegalArgumentException("the event log has no 'PCR-N <digest> <algorithm> [<name>]' lines as cbmem -L prints them");
        }
        return names;
    }
}
