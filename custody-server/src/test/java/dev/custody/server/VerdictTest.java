package dev.custody.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
    @Test
    void theTextShowsEachReasonOnItsOwnLine() {
        assertThat(new Verdict(Verdict.CHANGED, List.of("PCR 2: CBFS file fallback/romstage changed", "PCR 4: added")).text())
                .isEqualTo("CHANGED\n  PCR 2: CBFS file fallback/romstage changed\n  PCR 4: added");
    }

    /** 'attest push' prints the server's answer, which quotes the machine's event log. */
    @Test
    void controlCharactersInTheServersAnswerAreShownEscaped() {
        Verdict verdict = new Verdict("changed\u001b[31m", List.of("PCR 2: CBFS file a\nPCR 7: fake line\u001b[2K added"));

        assertThat(verdict.text()).isEqualTo("CHANGED\\x1b[31M\n  PCR 2: CBFS file a\\nPCR 7: fake line\\x1b[2K added");
        assertThat(verdict.toJson()).containsEntry("reasons", List.of("PCR 2: CBFS file a\nPCR 7: fake line\u001b[2K added"));
    }
}
