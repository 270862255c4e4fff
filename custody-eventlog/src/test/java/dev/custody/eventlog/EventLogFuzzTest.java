package dev.custody.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes given as a measurement log, through the format detection every command uses. */
class EventLogFuzzTest {
    @FuzzTest
    void anyLog(byte[] data) {
        LogReading.read(data, EventLogs::parse);
    }
}
