package dev.custody.seals.compare;

import dev.custody.seals.Comparison;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.Particle;
import dev.custody.seals.synth.SealBenchmark;
import dev.custody.seals.synth.SealDesign;
import dev.custody.seals.synth.SealShape;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Research: main's verdicts with and without the counted maxima kept only on true particles (stickers: flat). */
public final class OracleDiagnosis {
    private OracleDiagnosis() {}

    public static void main(String[] args) {
        BenchmarkGenerator generator = new BenchmarkGenerator(Long.parseLong(args[0]), SealBenchmark.WIDTH,
                SealBenchmark.HEIGHT, List.of(SealShape.STICKER));
        int genuine = Integer.parseInt(args[1]);
        int tampered = Integer.parseInt(args[2]);
        for (int i = 0; i < genuine + tampered; i++) {
            BenchmarkPair pair = i < genuine ? generator.genuine(i) : generator.tampered(i - genuine);
            FlakeEvidence.ORACLE.remove();
            Comparison plain = SealComparison.run(pair.reference(), Optional.empty(), pair.photo(), s -> { }, d -> { });
            BenchmarkGenerator.Truth truth = generator.truth(pair);
            SealDesign[] designs = {truth.seal(), generator.laterDesign(pair)};
            FlakeEvidence.ORACLE.set((frame, image) -> {
                Homography toFrame = frame.toPhoto().inverse();
                List<double[]> at = designs[image].particles().stream().map(p -> position(truth, toFrame, p)).toList();
                double radius = Math.max(2.5, 2 * Math.max(0.8, Math.max(frame.width(), frame.height()) / 400.0));
                return f -> at.stream().anyMatch(q -> Math.hypot(q[0] - f[0], q[1] - f[1]) <= radius);
            });
            Comparison oracle = SealComparison.run(pair.reference(), Optional.empty(), pair.photo(), s -> { }, d -> { });
            System.out.printf(Locale.ROOT, "pair sticker %s #%d main %s %.3f | on particles only %s %.3f%n", pair.kind(),
                    pair.index(), plain.verdict().word(), plain.score(), oracle.verdict().word(), oracle.score());
        }
    }

    private static double[] position(BenchmarkGenerator.Truth truth, Homography toFrame, Particle p) {
        double[] u = truth.later().sealToPhoto().map(p.x(), p.y());
        return toFrame.map(u[0], u[1]);
    }
}
