package dev.custody.bench.server;

import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.Replayer;
import dev.custody.server.QuoteJudge;
import dev.custody.server.Verdict;
import dev.custody.server.store.Reference;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Quote;
import dev.custody.tpm.QuoteVerifier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The paired anchor for the server's quote verification (bench/quote-anchor.sh): real swtpm
 * quotes made with tpm2_quote, verified one by one, interleaved, by Custody in-process and by
 * what keylime runs per quote, tpm2_checkquote (signature, nonce, PCR digest) plus tpm2_eventlog
 * (the log's replay). Prints the median wall time per quote of each side, their ratio, and the
 * CPU time per quote (this thread's for Custody; the children's, from /proc/self/stat, for the
 * anchor).
 *
 * <p>Arguments: DIR QUOTES, where DIR holds ak.pub (TPM2B_PUBLIC), eventlog.bin and for each i
 * in 1..QUOTES qI.msg (TPMS_ATTEST), qI.sig (TPMT_SIGNATURE), qI.pcrs and qI.nonce (hex).
 */
public final class QuoteAnchor {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final HexFormat HEX = HexFormat.of();
    private static final int WARM_UP_PASSES = 50;

    private record Files4(Path msg, Path sig, Path pcrs, String nonce, Quote quote) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        byte[] akPublic = Files.readAllBytes(dir.resolve("ak.pub"));
        // tpm2-tools writes a TPM2B_PUBLIC: the TPMT_PUBLIC behind a two-byte size.
        AttestationKey key = new AttestationKey(Arrays.copyOfRange(akPublic, 2, akPublic.length), new byte[0]);
        Path logPath = dir.resolve("eventlog.bin");
        byte[] log = Files.readAllBytes(logPath);
        Optional<Reference> reference = Optional.of(referenceOf(log));
        List<Files4> quotes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path msg = dir.resolve("q" + i + ".msg");
            Path sig = dir.resolve("q" + i + ".sig");
            quotes.add(new Files4(msg, sig, dir.resolve("q" + i + ".pcrs"), Files.readString(dir.resolve("q" + i + ".nonce")).strip(),
                    new Quote(Files.readAllBytes(msg), Files.readAllBytes(sig))));
        }
        QuoteVerifier.KeyedVerifier verifier = QuoteVerifier.forKey(key);
        List<String> anchorCheck = anchorCheckQuote(dir, quotes.getFirst(), "00".repeat(32));
        if (run(anchorCheck) == 0) {
            throw new IllegalStateException("tpm2_checkquote accepted a wrong nonce; the anchor verifies nothing");
        }
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            for (Files4 q : quotes) {
                custody(verifier, q, log, reference);
                custodyUncached(verifier, q, log);
            }
        }
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long[] custody = new long[count];
        long[] uncached = new long[count];
        long[] anchor = new long[count];
        long custodyCpu = 0;
        long uncachedCpu = 0;
        long childTicks = childCpuTicks();
        for (int i = 0; i < count; i++) {
            Files4 q = quotes.get(i);
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            custody(verifier, q, log, reference);
            custody[i] = System.nanoTime() - start;
            custodyCpu += THREADS.getCurrentThreadCpuTime() - cpu;

            cpu = THREADS.getCurrentThreadCpuTime();
            start = System.nanoTime();
            custodyUncached(verifier, q, log);
            uncached[i] = System.nanoTime() - start;
            uncachedCpu += THREADS.getCurrentThreadCpuTime() - cpu;

            start = System.nanoTime();
            if (run(anchorCheckQuote(dir, q, q.nonce())) != 0 || run(List.of("tpm2_eventlog", logPath.toString())) != 0) {
                throw new IllegalStateException("the anchor refused quote " + (i + 1));
            }
            anchor[i] = System.nanoTime() - start;
        }
        double anchorCpuMicros = (childCpuTicks() - childTicks) * 1e6 / 100.0 / count;
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        double c = median(custody) / 1e3;
        double u = median(uncached) / 1e3;
        double a = median(anchor) / 1e3;
        System.out.printf("%d swtpm quotes (ECDSA P-256, PCRs 0-7), log %d bytes; load average before: %s, after: %s%n",
                count, log.length, loadBefore, loadAfter);
        System.out.println("| per quote | median wall time | CPU time | Custody / anchor (wall) |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| Custody in-process, as the server runs it (replay remembered by the log) | %.1f µs | %.1f µs | %.5f× |%n",
                c, custodyCpu / 1e3 / count, c / a);
        System.out.printf("| Custody in-process, log parsed and replayed every time | %.1f µs | %.1f µs | %.5f× |%n",
                u, uncachedCpu / 1e3 / count, u / a);
        System.out.printf("| anchor: tpm2_checkquote + tpm2_eventlog (two processes) | %.1f µs | %.0f µs (children, 10 ms ticks) | 1× |%n",
                a, anchorCpuMicros);
    }

    private static Reference referenceOf(byte[] logBytes) {
        EventLog log = EventLogs.parse(logBytes);
        var bank = Replayer.replay(log).bank(HashAlgorithm.SHA256);
        SortedMap<Integer, String> pcrs = new TreeMap<>();
        for (int pcr : QuoteJudge.ALWAYS_QUOTED) {
            pcrs.put(pcr, (bank.containsKey(pcr) ? bank.get(pcr) : Replayer.startValue(log, HashAlgorithm.SHA256, pcr)).hex());
        }
        return new Reference("machine", "the lab machine's own log", pcrs, Optional.empty());
    }

    /** What Fleet.attest does with a quote, minus the database: signature, nonce, digest against the replay, reference. */
    private static void custody(QuoteVerifier.KeyedVerifier verifier, Files4 q, byte[] log, Optional<Reference> reference) {
        QuoteVerifier.Quoted quoted = verifier.open(q.quote());
        if (!MessageDigest.isEqual(quoted.nonce(), HEX.parseHex(q.nonce()))) {
            throw new IllegalStateException("nonce");
        }
        Verdict verdict = switch (QuoteJudge.judge(quoted, log, reference, Optional.empty())) {
            case QuoteJudge.Outcome.Judged judged -> judged.verdict();
            case QuoteJudge.Outcome.LogRefused refused -> throw new IllegalStateException(refused.reason());
        };
        if (!verdict.trusted()) {
            throw new IllegalStateException("not trusted: " + verdict.reasons());
        }
    }

    /** The same checks with the log parsed and replayed for this quote, as the anchor does. */
    private static void custodyUncached(QuoteVerifier.KeyedVerifier verifier, Files4 q, byte[] logBytes) {
        QuoteVerifier.Quoted quoted = verifier.open(q.quote());
        if (!MessageDigest.isEqual(quoted.nonce(), HEX.parseHex(q.nonce()))) {
            throw new IllegalStateException("nonce");
        }
        EventLog log = EventLogs.parse(logBytes);
        var bank = Replayer.replay(log).bank(HashAlgorithm.SHA256);
        Map<Integer, byte[]> values = new TreeMap<>();
        for (int pcr : quoted.pcrs()) {
            values.put(pcr, (bank.containsKey(pcr) ? bank.get(pcr) : Replayer.startValue(log, HashAlgorithm.SHA256, pcr)).toArray());
        }
        if (!MessageDigest.isEqual(QuoteVerifier.digest(PcrBank.SHA256, values), quoted.pcrDigest())) {
            throw new IllegalStateException("the log does not replay to the quoted digest");
        }
    }

    private static List<String> anchorCheckQuote(Path dir, Files4 q, String nonce) {
        return List.of("tpm2_checkquote", "-u", dir.resolve("ak.pub").toString(), "-m", q.msg().toString(),
                "-s", q.sig().toString(), "-f", q.pcrs().toString(), "-g", "sha256", "-q", nonce);
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** User and system time of this process's waited-for children, in clock ticks (1/100 s). */
    private static long childCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", field 3 (state) is index 0: cutime is field 16, cstime field 17.
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
