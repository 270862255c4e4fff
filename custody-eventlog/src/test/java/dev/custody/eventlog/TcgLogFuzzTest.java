package dev.custody.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The TCG binary parser without format detection in front: SHA1-format and crypto-agile logs,
 * and coreboot's CBT1/CBT2 tables, which share its records.
 */
class TcgLogFuzzTest {
    @FuzzTest
    void tcgLog(byte[] data) {
        // The parser's contract: it is only called on input its detector accepted.
        if (TcgBinaryParser.looksLikeTcg(data)) {
            LogReading.read(data, TcgBinaryParser::parse);
        }
    }
}
