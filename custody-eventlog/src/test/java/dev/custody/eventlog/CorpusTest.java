package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class CorpusTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusLogParsesAndReplays() {
        return Corpus.logs().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            EventLog log = EventLogs.read(file);
            assertThat(log.events()).isNotEmpty();
            assertThat(Replayer.replay(log).pcrs()).isNotEmpty();
            assertEventsAreContiguous(file, log);
        }));
    }

    private static void assertEventsAreContiguous(Path file, EventLog log) throws IOException {
        for (int i = 0; i < log.events().size(); i++) {
            assertThat(log.events().get(i).index()).as("%s event %d", file, i).isEqualTo(i);
        }
        assertThat(log.events().getLast().offset()).isLessThan(java.nio.file.Files.size(file));
    }
}
