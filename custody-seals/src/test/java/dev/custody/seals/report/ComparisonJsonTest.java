package dev.custody.seals.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.seals.Alignment;
import dev.custody.seals.Comparison;
import dev.custody.seals.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonJsonTest {
    @Test
    void membersComeInOrderWithFixedDecimals() {
        Map<String, Object> json = ComparisonJson.of(HandBuilt.tampered(List.of("changed")));
        assertThat(json.keySet()).containsExactly("verdict", "score", "regions", "alignment", "reasons", "particles", "stages");
        assertThat(json).containsEntry("verdict", "tampered").containsEntry("score", new BigDecimal("0.4200"))
                .containsEntry("alignment", Map.of("inliers", 87, "rmsError", new BigDecimal("0.800")))
                .containsEntry("regions", List.of(Map.of("x", 10, "y", 10, "w", 60, "h", 40)));
        assertThat(json.get("particles")).asList().first()
                .isEqualTo(Map.of("kind", "missing", "x", new BigDecimal("300.0"), "y", new BigDecimal("200.0")));
        assertThat(json.get("stages")).asList().first().isEqualTo(Map.of("stage", "features", "ms", new BigDecimal("120.0")));
    }

    @Test
    void aComparisonThatStoppedEarlyHasNoAlignmentAndNoNumbersThatAreNotJson() {
        assertThat(alignment(ComparisonJson.of(HandBuilt.stoppedEarly()))).containsEntry("inliers", 0).containsEntry("rmsError", null);
        Comparison notANumber = new Comparison(Verdict.CANNOT_VERIFY, Double.NaN, List.of(), new Alignment(3, Double.POSITIVE_INFINITY),
                List.of(), List.of(), new Comparison.Evidence(null, null, null, null), List.of());
        Map<String, Object> json = ComparisonJson.of(notANumber);
        assertThat(json).containsEntry("score", null);
        assertThat(alignment(json)).containsEntry("inliers", 3).containsEntry("rmsError", null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alignment(Map<String, Object> json) {
        return (Map<String, Object>) json.get("alignment");
    }
}
