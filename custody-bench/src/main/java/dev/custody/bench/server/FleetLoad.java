package dev.custody.bench.server;

import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.Replayer;
import dev.custody.server.QuoteJudge;
import dev.custody.server.agent.ServerClient;
import dev.custody.server.store.Challenge;
import dev.custody.server.store.Database;
import dev.custody.server.store.FleetStore;
import dev.custody.server.store.Reference;
import dev.custody.tpm.testing.SoftwareAttestationKey;
import dev.custody.tpm.CredentialProtection;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Quote;
import dev.custody.tpm.QuoteVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for bench/fleet-load.sh: N agents with software attestation keys push quotes in
 * the TPM's format (over a 56-event log) to the given servers over HTTPS, each attestation a
 * nonce request and a quote. Bounded by a time and a count. Prints attestations/s and the p50/p99
 * of a whole attestation (nonce + quote), then checks the database: every attestation that got
 * a 2xx is there, and none is there twice.
 *
 * <p>Arguments: JDBC-URL FINGERPRINT AGENTS CONNECTIONS SECONDS MAX-ATTESTATIONS SERVER-URL...
 * The agents are registered straight in the database (enrolment's credential activation needs a
 * TPM, and the server allows 30 enrolments a minute); everything after that goes through HTTPS.
 */
public final class FleetLoad {
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private record Agent(String name, SoftwareAttestationKey key, String akPublic) {}

    public static void main(String[] args) throws Exception {
        String jdbc = args[0];
        String fingerprint = args[1];
        int agents = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        int max = Integer.parseInt(args[5]);
        List<String> servers = List.of(args).subList(6, args.length);

        byte[] log = Files.readAllBytes(QuoteVerificationBenchmark.LOG);
        EventLog parsed = EventLogs.parse(log);
        var bank = Replayer.replay(parsed).bank(HashAlgorithm.SHA256);
        SortedMap<Integer, String> pcrs = new TreeMap<>();
        Map<Integer, byte[]> values = new TreeMap<>();
        for (int pcr : QuoteJudge.ALWAYS_QUOTED) {
            var value = bank.containsKey(pcr) ? bank.get(pcr) : Replayer.startValue(parsed, HashAlgorithm.SHA256, pcr);
            pcrs.put(pcr, value.hex());
            values.put(pcr, value.toArray());
        }
        byte[] digest = QuoteVerifier.digest(PcrBank.SHA256, values);
        String logB64 = B64.encodeToString(log);

        BlockingQueue<Agent> idle = new ArrayBlockingQueue<>(agents);
        try (Database database = Database.open(jdbc)) {
            FleetStore store = new FleetStore(database);
            long now = System.currentTimeMillis();
            for (int i = 0; i < agents; i++) {
                SoftwareAttestationKey key = SoftwareAttestationKey.generate();
                String name = "load-" + now + "-" + i;
                byte[] ek = name.getBytes();
                var machine = store.enrol(new Challenge("load-" + i, name, ek, Optional.empty(), key.publicArea(), 3600, "00", now),
                        HEX.formatHex(ek), HEX.formatHex(CredentialProtection.objectName(key.publicArea())), now);
                store.setReference(machine.id(), new Reference("handoff", "load generator", pcrs, Optional.empty()), now);
                idle.add(new Agent(name, key, B64.encodeToString(key.publicArea())));
            }
        }
        System.out.printf("%d agents registered; %d connections to %s for %d s or %d attestations%n",
                agents, connections, servers, seconds, max);

        String started = System.getProperty("fleetload.started");
        if (started != null) {
            Files.createFile(Path.of(started));
        }
        List<ServerClient> clients = servers.stream().map(s -> new ServerClient(s, fingerprint, Optional.empty())).toList();
        long[] latencies = new long[max];
        AtomicInteger accepted = new AtomicInteger();
        AtomicLong retries = new AtomicLong();
        AtomicLong notTrusted = new AtomicLong();
        Set<String> acceptedNonces = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        AtomicInteger turn = new AtomicInteger();
        for (int w = 0; w < connections; w++) {
            workers.submit(() -> {
                while (System.nanoTime() < deadline && accepted.get() < max) {
                    Agent agent = idle.poll(100, TimeUnit.MILLISECONDS);
                    if (agent == null) {
                        continue;
                    }
                    try {
                        // An agent whose server fails tries the next one, with a fresh nonce.
                        ServerClient client = clients.get(Math.floorMod(turn.getAndIncrement(), clients.size()));
                        long begun = System.nanoTime();
                        try {
                            String nonce = client.post("/api/v1/nonces", Map.of("akPublic", agent.akPublic())).path("nonce").asText();
                            Quote quote = agent.key().quote(HEX.parseHex(nonce), QuoteJudge.ALWAYS_QUOTED, digest);
                            var verdict = client.post("/api/v1/attestations", Map.of("akPublic", agent.akPublic(),
                                    "quote", Map.of("attest", B64.encodeToString(quote.attest()),
                                            "signature", B64.encodeToString(quote.signature())), "log", logB64));
                            int index = accepted.getAndIncrement();
                            if (index < max) {
                                latencies[index] = System.nanoTime() - begun;
                            }
                            acceptedNonces.add(nonce);
                            if (!"trusted".equals(verdict.path("state").asText())) {
                                notTrusted.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            retries.incrementAndGet();
                        }
                    } finally {
                        idle.add(agent);
                    }
                }
                return null;
            });
        }
        workers.shutdown();
        workers.awaitTermination(seconds + 120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        int ok = Math.min(accepted.get(), max);
        long[] sorted = Arrays.copyOf(latencies, ok);
        Arrays.sort(sorted);
        System.out.printf("accepted (2xx): %d in %.1f s = %.0f attestations/s; p50 %.1f ms, p99 %.1f ms; "
                        + "failed and retried: %d; not trusted: %d%n", ok, elapsed, ok / elapsed,
                percentile(sorted, 0.50), percentile(sorted, 0.99), retries.get(), notTrusted.get());
        check(jdbc, acceptedNonces);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    /** Every 2xx is in the database, and no nonce is counted twice there. */
    private static void check(String jdbc, Set<String> acceptedNonces) throws Exception {
        Set<String> stored = new HashSet<>();
        long rows = 0;
        try (Database database = Database.open(jdbc); Connection c = database.connection();
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT nonce FROM attestations")) {
            while (r.next()) {
                stored.add(r.getString(1));
                rows++;
            }
        }
        List<String> missing = new ArrayList<>(acceptedNonces);
        missing.removeAll(stored);
        System.out.printf("database: %d attestation rows, %d distinct nonces; 2xx answers missing from it: %d; "
                + "committed without a 2xx reaching the agent (answer lost, e.g. to a kill): %d%n",
                rows, stored.size(), missing.size(), stored.size() - (acceptedNonces.size() - missing.size()));
        if (!missing.isEmpty() || rows != stored.size()) {
            System.out.println("CRASH-SAFETY CHECK FAILED");
            System.exit(1);
        }
        System.out.println("crash-safety check passed");
    }
}
