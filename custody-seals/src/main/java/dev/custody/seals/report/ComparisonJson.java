package dev.custody.seals.report;

import static dev.custody.common.JsonMaps.object;

import dev.custody.seals.Comparison;
import dev.custody.seals.ParticleChange;
import dev.custody.seals.Region;
import dev.custody.seals.StageTime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison as {@code seals compare --json} and {@code seals check --json} report it: verdict,
 * score, regions, alignment, reasons, particles and stage times, in that order.
 */
public final class ComparisonJson {
    private ComparisonJson() {}

    public static Map<String, Object> of(Comparison c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", c.verdict().word());
        out.put("score", decimals(c.score(), 4));
        out.put("regions", c.regions().stream().map(ComparisonJson::region).toList());
        out.put("alignment", object("inliers", c.alignment() == null ? 0 : c.alignment().inliers(),
                "rmsError", c.alignment() == null ? null : decimals(c.alignment().rmsError(), 3)));
        out.put("reasons", c.reasons());
        out.put("particles", c.particles().stream().map(ComparisonJson::particle).toList());
        out.put("stages", c.stages().stream().map(ComparisonJson::stage).toList());
        return out;
    }

    private static Map<String, Object> region(Region r) {
        return object("x", r.x(), "y", r.y(), "w", r.w(), "h", r.h());
    }

    private static Map<String, Object> particle(ParticleChange p) {
        return object("kind", p.kind().name().toLowerCase(Locale.ROOT), "x", decimals(p.x(), 1), "y", decimals(p.y(), 1));
    }

    private static Map<String, Object> stage(StageTime s) {
        return object("stage", s.stage(), "ms", decimals(s.took().toNanos() / 1e6, 1));
    }

    /**
     * A fixed number of decimals, written plainly (a double would print 0.0004 as 4.0E-4); NaN or
     * infinity would not be JSON, so they become null.
     */
    private static BigDecimal decimals(double value, int scale) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP) : null;
    }
}
