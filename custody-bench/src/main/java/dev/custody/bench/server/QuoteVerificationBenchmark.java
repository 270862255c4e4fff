package dev.custody.bench.server;

import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.Replayer;
import dev.custody.server.QuoteJudge;
import dev.custody.server.Verdict;
import dev.custody.server.store.Reference;
import dev.custody.tpm.testing.SoftwareAttestationKey;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Quote;
import dev.custody.tpm.QuoteVerifier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's whole in-process verification of one attestation, as {@code Fleet.attest} does it
 * minus the database: the quote's ECDSA signature, its nonce spent from an in-memory set, the
 * PCR digest against the replay of a 56-event log (HIRS's TpmLog.bin, crypto-agile SHA-1 and
 * SHA-256), and the replay against the reference. Every quote answers its own nonce, so every
 * signature is a different one. Run from the project root: bin/bench QuoteVerificationBenchmark.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class QuoteVerificationBenchmark {
    static final Path LOG = Path.of("testdata/corpus/eventlogs/hirs-TpmLog.bin");
    private static final int QUOTES = 4096;
    private static final int MACHINES = 16;

    @State(Scope.Benchmark)
    public static class Fleet {
        byte[] log;
        /** One parsed key per machine, as the server caches them. */
        QuoteVerifier.KeyedVerifier[] verifiers;
        Quote[] quotes;
        byte[][] nonces;
        Optional<Reference> reference;
        /** The issued, unspent nonces; a verified quote spends its nonce, the benchmark re-issues it. */
        final Set<ByteBuffer> issued = ConcurrentHashMap.newKeySet();
        final AtomicInteger next = new AtomicInteger();

        @Setup(Level.Trial)
        public void sign() throws IOException {
            log = Files.readAllBytes(LOG);
            EventLog parsed = EventLogs.parse(log);
            SortedMap<Integer, String> pcrs = new TreeMap<>();
            Map<Integer, byte[]> values = new TreeMap<>();
            var bank = Replayer.replay(parsed).bank(HashAlgorithm.SHA256);
            for (int pcr : QuoteJudge.ALWAYS_QUOTED) {
                var value = bank.containsKey(pcr) ? bank.get(pcr) : Replayer.startValue(parsed, HashAlgorithm.SHA256, pcr);
                pcrs.put(pcr, value.hex());
                values.put(pcr, value.toArray());
            }
            reference = Optional.of(new Reference("handoff", "the benchmark's reference", pcrs, Optional.empty()));
            SoftwareAttestationKey[] machines = new SoftwareAttestationKey[MACHINES];
            verifiers = new QuoteVerifier.KeyedVerifier[MACHINES];
            for (int m = 0; m < MACHINES; m++) {
                machines[m] = SoftwareAttestationKey.generate();
                verifiers[m] = QuoteVerifier.forKey(new AttestationKey(machines[m].publicArea(), new byte[0]));
            }
            byte[] digest = QuoteVerifier.digest(PcrBank.SHA256, values);
            quotes = new Quote[QUOTES];
            nonces = new byte[QUOTES][];
            for (int i = 0; i < QUOTES; i++) {
                nonces[i] = ByteBuffer.allocate(32).putInt(i).putLong(System.nanoTime()).array();
                quotes[i] = machines[i % MACHINES].quote(nonces[i], QuoteJudge.ALWAYS_QUOTED, digest);
                issued.add(ByteBuffer.wrap(nonces[i]));
            }
            System.out.printf("%nlog: %d events, %d bytes; %d quotes%n", parsed.events().size(), log.length, QUOTES);
        }
    }

    /**
     * The CPU time each benchmark thread spent per quote, printed after each iteration: the
     * machine is shared, so wall-clock throughput understates what two idle cores would do.
     */
    @State(Scope.Thread)
    public static class CpuMeter {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        long quotes;
        long startNanos;

        @Setup(Level.Iteration)
        public void start() {
            quotes = 0;
            startNanos = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void report() {
            double micros = (THREADS.getCurrentThreadCpuTime() - startNanos) / 1000.0 / Math.max(1, quotes);
            System.out.printf(" [%s: %.1f µs CPU per quote, %d quotes]", Thread.currentThread().getName(), micros, quotes);
        }
    }

    @Benchmark
    public Verdict verifyQuote(Fleet fleet, CpuMeter meter) {
        meter.quotes++;
        int i = Math.floorMod(fleet.next.getAndIncrement(), QUOTES);
        QuoteVerifier.Quoted quoted = fleet.verifiers[i % MACHINES].open(fleet.quotes[i]);
        ByteBuffer nonce = ByteBuffer.wrap(quoted.nonce());
        if (!fleet.issued.remove(nonce)) {
            throw new IllegalStateException("nonce not issued or already spent");
        }
        Verdict verdict = switch (QuoteJudge.judge(quoted, fleet.log, fleet.reference, Optional.empty())) {
            case QuoteJudge.Outcome.Judged judged -> judged.verdict();
            case QuoteJudge.Outcome.LogRefused refused -> throw new IllegalStateException(refused.reason());
        };
        if (!verdict.trusted()) {
            throw new IllegalStateException("not trusted: " + verdict.reasons());
        }
        fleet.issued.add(nonce);
        return verdict;
    }
}
