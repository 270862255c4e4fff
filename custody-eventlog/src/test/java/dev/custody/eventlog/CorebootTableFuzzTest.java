package dev.custody.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** coreboot's CBMEM "TPM CB log" table, without format detection in front. */
class CorebootTableFuzzTest {
    @FuzzTest
    void corebootTable(byte[] data) {
        // The parser's contract: it is only called on input its detector accepted.
        if (CorebootTableParser.looksLikeTable(data)) {
            LogReading.read(data, CorebootTableParser::parse);
        }
    }
}
