package dev.custody.bench.tpm;

import dev.custody.common.Secret;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.Swtpm;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Per-operation latency of Custody's TPM layer, in-process, against one swtpm. Compare with the
 * whole-process tpm2-tools figures from bench/tpm-latency.sh (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TpmLatencyBenchmark {
    private static final int HANDLE = 0x81000900;
    private static final PcrPolicy POLICY = new PcrPolicy(List.of(0, 1, 2, 3, 4, 7), false);

    private Swtpm swtpm;
    private Tpm tpm;
    private final byte[] digest = PcrBank.SHA256.hash(new byte[] {1});

    @Setup(Level.Trial)
    public void start() {
        swtpm = Swtpm.start();
        tpm = swtpm.open();
        tpm.sealPersistent(SealRequest.of(Secret.copyOf(new byte[20]), POLICY),
                tpm.readPcrs(PcrBank.SHA256, POLICY.pcrs()), PersistentSlot.replacing(HANDLE));
    }

    @TearDown(Level.Trial)
    public void stop() {
        tpm.close();
        swtpm.close();
    }

    @Benchmark
    public Object pcrRead() {
        return tpm.readPcrs(PcrBank.SHA256, List.of(16));
    }

    @Benchmark
    public void pcrExtend() {
        tpm.extend(16, Map.of(PcrBank.SHA256, digest));
    }

    /** Salted policy session, PolicyPCR, Unseal with response encryption, flush: what the TOTP path does. */
    @Benchmark
    public int unsealUnderPolicySession() {
        try (Secret secret = tpm.unseal(HANDLE, POLICY, Secret.empty())) {
            return secret.length();
        }
    }
}
