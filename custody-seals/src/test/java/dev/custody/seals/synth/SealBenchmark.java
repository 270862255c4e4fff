package dev.custody.seals.synth;

import dev.custody.seals.Comparison;
import dev.custody.seals.Region;
import dev.custody.seals.SealComparator;
import dev.custody.seals.Verdict;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the comparator over generated pairs and prints detection rates, the ROC and per-kind
 * figures. {@code java -cp BENCH-CLASSPATH dev.custody.seals.synth.SealBenchmark [seed genuine tampered [round,strip,sticker]]}
 */
public final class SealBenchmark {
    /** The size of the generated photos in the acceptance test and the ROC. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 600;

    private SealBenchmark() {}

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 7;
        int genuine = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int tampered = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        List<SealShape> shapes = args.length > 3
                ? java.util.Arrays.stream(args[3].split(",")).map(w -> SealShape.valueOf(w.toUpperCase(Locale.ROOT))).toList()
                : List.of(SealShape.values());
        long start = System.nanoTime();
        List<Outcome> outcomes = run(new BenchmarkGenerator(seed, WIDTH, HEIGHT, shapes), genuine, tampered, 2);
        System.out.print(report(outcomes));
        if (System.getenv("SEAL_ALL") != null) {
            outcomes.forEach(o -> System.out.printf(Locale.ROOT, "pair %s %s #%d %s %.3f %s%n", o.shape().word(),
                    o.kind().word(), o.index(), o.verdict().word(), o.score(), o.reason()));
        }
        if (System.getenv("SEAL_MISSES") != null) {
            misses(outcomes).forEach(o -> System.out.printf(Locale.ROOT, "miss %s %s #%d %s %.3f %s%n", o.shape().word(),
                    o.kind().word(), o.index(), o.verdict().word(), o.score(), o.reason()));
        }
        System.out.printf(Locale.ROOT, "%d pairs in %.1f s%n", outcomes.size(), (System.nanoTime() - start) / 1e9);
    }

    public static List<Outcome> run(BenchmarkGenerator generator, int genuine, int tampered, int threads)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < genuine; i++) {
                int index = i;
                futures.add(pool.submit(() -> judge(generator.genuine(index))));
            }
            for (int i = 0; i < tampered; i++) {
                int index = i;
                futures.add(pool.submit(() -> judge(generator.tampered(index))));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    public static Outcome judge(BenchmarkPair pair) {
        // no region given: the comparator finds the seal itself, as for an owner who marks nothing
        Comparison c = SealComparator.compare(pair.reference(), Optional.empty(), pair.photo());
        boolean onChange = c.regions().stream().anyMatch(r -> overlaps(r, pair.changed()));
        return new Outcome(pair.index(), pair.kind(), pair.shape(), c.verdict(), c.score(), onChange,
                String.join(" ", c.reasons()));
    }

    private static boolean overlaps(Region r, BufferedImage mask) {
        byte[] bytes = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        for (int y = Math.max(0, r.y()); y < Math.min(mask.getHeight(), r.y() + r.h()); y++) {
            for (int x = Math.max(0, r.x()); x < Math.min(mask.getWidth(), r.x() + r.w()); x++) {
                if (bytes[y * mask.getWidth() + x] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The tables for docs/benchmarks.md. */
    public static String report(List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        List<Outcome> genuine = outcomes.stream().filter(o -> o.kind() == PairKind.GENUINE).toList();
        List<Outcome> tampered = outcomes.stream().filter(o -> o.kind() != PairKind.GENUINE).toList();
        out.append(String.format(Locale.ROOT, "genuine %d: intact %d, tampered %d, cannot-verify %d%n", genuine.size(),
                count(genuine, Verdict.INTACT), count(genuine, Verdict.TAMPERED), count(genuine, Verdict.CANNOT_VERIFY)));
        out.append(String.format(Locale.ROOT, "tampered %d: intact %d, tampered %d, cannot-verify %d%n", tampered.size(),
                count(tampered, Verdict.INTACT), count(tampered, Verdict.TAMPERED), count(tampered, Verdict.CANNOT_VERIFY)));
        out.append("\n| kind | pairs | tampered | cannot-verify | intact (missed) | a region on the change |\n|---|---|---|---|---|---|\n");
        Map<PairKind, List<Outcome>> byKind = new EnumMap<>(PairKind.class);
        for (Outcome o : outcomes) {
            byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
        }
        byKind.forEach((kind, list) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", kind.word(),
                list.size(), count(list, Verdict.TAMPERED), count(list, Verdict.CANNOT_VERIFY), count(list, Verdict.INTACT),
                list.stream().filter(o -> o.verdict() == Verdict.TAMPERED && o.regionOnChange()).count())));
        out.append("\n| design | genuine | intact | tampered pairs | flagged |\n|---|---|---|---|---|\n");
        for (SealShape shape : SealShape.values()) {
            List<Outcome> of = outcomes.stream().filter(o -> o.shape() == shape).toList();
            if (!of.isEmpty()) {
                List<Outcome> g = of.stream().filter(o -> o.kind() == PairKind.GENUINE).toList();
                List<Outcome> t = of.stream().filter(o -> o.kind() != PairKind.GENUINE).toList();
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", shape.word(), g.size(),
                        count(g, Verdict.INTACT), t.size(), t.stream().filter(Outcome::flagged).count()));
            }
        }
        out.append("\n").append(Roc.table(outcomes));
        return out.toString();
    }

    static long count(List<Outcome> list, Verdict verdict) {
        return list.stream().filter(o -> o.verdict() == verdict).count();
    }

    /** Pairs sorted worst first, for looking at failures. */
    public static List<Outcome> misses(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> (o.kind() == PairKind.GENUINE) == o.flagged())
                .sorted(Comparator.comparingDouble(Outcome::score)).toList();
    }
}
