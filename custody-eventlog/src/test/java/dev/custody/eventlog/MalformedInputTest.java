package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad input yields a one-line {@link MalformedLogException} or, where the damage leaves a valid
 * log, a log whose events are a prefix of the original's; never any other exception.
 */
class MalformedInputTest {
    private static final long TRUNCATION_LIMIT = 128 * 1024;

    @TestFactory
    Stream<DynamicTest> everyTruncationOfEveryCorpusLogFailsCleanly() {
        return Corpus.logs().stream().filter(MalformedInputTest::smallEnough)
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> truncateEverywhere(Files.readAllBytes(file))));
    }

    @Test
    void everyTruncationOfACorebootLogFailsCleanly() {
        truncateEverywhere(CorebootTpm2LogWriter.write(HashAlgorithm.SHA256,
                List.of(CorebootFormatsTest.measurement(2, "CBFS: fallback/romstage")), 3));
    }

    @Test
    void emptyInput() {
        assertThatThrownBy(() -> EventLogs.parse(new byte[0])).isInstanceOf(MalformedLogException.class)
                .hasMessage("empty input: not a measurement log");
    }

    @Test
    void textFile() {
        assertThatThrownBy(() -> EventLogs.parse("#!/bin/sh\necho hello\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedLogException.class)
                .hasMessage("not a measurement log: this is text, and not the output of cbmem -L");
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random random = new Random(20261125);
        for (int i = 0; i < 3000; i++) {
            byte[] data = new byte[random.nextInt(2048)];
            random.nextBytes(data);
            useFully(data);
        }
    }

    /** Random bytes that start like a real header reach deeper into the parsers than pure noise. */
    @Test
    void corruptedRealLogsNeverEscapeAsAnotherException() {
        Random random = new Random(42);
        List<byte[]> logs = Corpus.logs().stream().filter(MalformedInputTest::smallEnough).map(MalformedInputTest::read).toList();
        for (int i = 0; i < 3000; i++) {
            byte[] data = logs.get(random.nextInt(logs.size())).clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            useFully(data);
        }
    }

    /** Each real event with bytes of its data replaced, so that every decoder meets hostile lengths and counts. */
    @Test
    void corruptedEventDataIsDecodedOrShownAsHex() {
        Random random = new Random(99);
        for (Path file : Corpus.logs()) {
            EventLog log = EventLogs.parse(read(file));
            for (Event event : log.events()) {
                for (int round = 0; round < 20 && event.data().length() > 0; round++) {
                    byte[] data = event.data().toArray();
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                    }
                    Event corrupted = new Event(event.index(), event.offset(), event.pcr(), event.type(), event.digests(), Bytes.of(data));
                    EventLog single = new EventLog(log.format(), log.announcedBanks(), List.of(corrupted), List.of());
                    assertThat(EventDecoder.decode(corrupted, log.format()).describe()).isNotNull();
                    DigestCheck.check(single);
                    assertThat(EventDecoder.decode(corrupted, log.format()).subject()).isNotNull();
                }
            }
        }
    }

    @Test
    void headerNamesTheFieldAndOffset() {
        byte[] log = read(Corpus.file("hirs-TpmLog.bin"));
        byte[] cut = Arrays.copyOf(log, 65 + 20);
        assertThatThrownBy(() -> EventLogs.parse(cut)).isInstanceOf(MalformedLogException.class)
                .hasMessage("event 1, field digests[0].digest at offset 0x4f: truncated: needs 32 bytes, 6 remain");
    }

    private static void truncateEverywhere(byte[] log) {
        List<Event> full = EventLogs.parse(log).events();
        for (int length = 0; length < log.length; length++) {
            byte[] prefix = Arrays.copyOf(log, length);
            try {
                EventLog parsed = EventLogs.parse(prefix);
                assertThat(full).as("events of a log cut at %d", length).startsWith(parsed.events().toArray(Event[]::new));
            } catch (MalformedLogException e) {
                assertOneLine(e, length);
            }
        }
    }

    /** Parses, then runs every consumer of a parsed log, none of which may fail on what the parser accepted. */
    private static void useFully(byte[] data) {
        try {
            EventLog log = EventLogs.parse(data);
            Replayer.replay(log);
            DigestCheck.check(log);
            log.events().forEach(e -> EventDecoder.decode(e, log.format()).describe());
            if (!Replayer.banks(log).isEmpty()) {
                LogDiff.diff(log, log);
            }
        } catch (MalformedLogException e) {
            assertOneLine(e, data.length);
        } catch (RuntimeException e) {
            fail("uncaught " + e + " for input of " + data.length + " bytes", e);
        }
    }

    private static void assertOneLine(MalformedLogException e, int length) {
        assertThat(e.getMessage()).as("message for input of %d bytes", length).isNotBlank().doesNotContain("\n");
    }

    private static boolean smallEnough(Path file) {
        return file.toFile().length() <= TRUNCATION_LIMIT;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
