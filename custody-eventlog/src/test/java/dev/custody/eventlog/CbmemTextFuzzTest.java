package dev.custody.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The text {@code cbmem -L} prints, in all three of its layouts. */
class CbmemTextFuzzTest {
    @FuzzTest
    void cbmemText(byte[] data) {
        // The parser's contract: it is only called on input its detector accepted.
        if (CbmemTextParser.looksLikeCbmemText(data)) {
            LogReading.read(data, CbmemTextParser::parse);
        }
    }
}
