package dev.custody.bench.eventlog;

import dev.custody.eventlog.EventDecoder;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.Replay;
import dev.custody.eventlog.Replayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * In-process throughput over the shared corpus (run from the project root: bin/bench EventlogBench).
 * Each operation handles the whole corpus; divide by {@link Corpus#events} for events per second,
 * which setup prints.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventlogBench {

    @State(Scope.Benchmark)
    public static class Corpus {
        static final Path DIRECTORY = Path.of("testdata/corpus/eventlogs");
        List<byte[]> logs;
        int events;

        @Setup(Level.Trial)
        public void load() throws IOException {
            try (Stream<Path> files = Files.list(DIRECTORY)) {
                logs = files.filter(f -> !f.toString().endsWith(".txt")).sorted().map(Corpus::read).toList();
            }
            events = logs.stream().mapToInt(log -> EventLogs.parse(log).events().size()).sum();
            System.out.printf("%ncorpus: %d logs, %d events, %d bytes%n", logs.size(), events,
                    logs.stream().mapToInt(l -> l.length).sum());
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public void parse(Corpus corpus, Blackhole sink) {
        for (byte[] log : corpus.logs) {
            sink.consume(EventLogs.parse(log));
        }
    }

    @Benchmark
    public void parseAndReplay(Corpus corpus, Blackhole sink) {
        for (byte[] log : corpus.logs) {
            Replay replay = Replayer.replay(EventLogs.parse(log));
            sink.consume(replay);
        }
    }

    @Benchmark
    public void parseReplayAndDecode(Corpus corpus, Blackhole sink) {
        for (byte[] log : corpus.logs) {
            EventLog parsed = EventLogs.parse(log);
            sink.consume(Replayer.replay(parsed));
            parsed.events().forEach(e -> sink.consume(EventDecoder.decode(e, parsed.format()).describe()));
        }
    }
}
