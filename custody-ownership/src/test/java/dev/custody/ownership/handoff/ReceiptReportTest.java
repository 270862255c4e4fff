package dev.custody.ownership.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.common.Secret;
import dev.custody.ownership.OwnerSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What own receive reports, from reports built by hand (ReceiptTest receives a real lab machine). */
class ReceiptReportTest {
    private static final Path BUNDLE = Path.of("bundle");

    @Test
    void anyFailedCheckRejectsAndAnyUncheckedOneLeavesItIncomplete() {
        assertThat(report(Check.passed("shares", "ok"), Check.notChecked("seals", "no photo")).verdict())
                .isEqualTo(Receipt.Verdict.INCOMPLETE);
        assertThat(report(Check.notChecked("seals", "no photo"), Check.failed("tpm", "another TPM")).verdict())
                .isEqualTo(Receipt.Verdict.REJECTED);
        assertThat(report(Check.passed("shares", "ok")).verdict()).isEqualTo(Receipt.Verdict.VERIFIED);
    }

    @Test
    void theJsonNamesEachCheckAndTheNewSecretsOnlyWhenRotated() {
        Receipt.Report report = report(Check.failed("signature", "bad"),
                new Check("seals", Check.Status.NOT_CHECKED, "no photo"));
        Map<String, Object> json = report.toJson(BUNDLE, Optional.empty());

        assertThat(json.keySet()).containsExactly("bundle", "bundleId", "signer", "verdict", "checks", "rotated");
        assertThat(json).containsEntry("bundle", "bundle").containsEntry("bundleId", null).containsEntry("signer", null)
                .containsEntry("verdict", "rejected").containsEntry("rotated", false);
        assertThat(json.get("checks")).isEqualTo(List.of(
                Map.of("name", "signature", "status", "failed", "detail", "bad"),
                Map.of("name", "seals", "status", "not-checked", "detail", "no photo")));

        try (OwnerSecrets next = new OwnerSecrets().with(OwnerSecrets.USER_PIN,
                Secret.adopt("654321".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(report.toJson(BUNDLE, Optional.of(next)))
                    .containsEntry("rotated", true).containsEntry("newSecrets", Map.of(OwnerSecrets.USER_PIN, "654321"));
        }
    }

    private static Receipt.Report report(Check... checks) {
        return new Receipt.Report(Optional.empty(), Optional.empty(), List.of(checks), Optional.empty());
    }
}
