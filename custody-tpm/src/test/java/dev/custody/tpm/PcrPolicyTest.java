package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PcrPolicyTest {
    @Test
    void listsAndRangesGiveTheSortedPcrs() {
        assertThat(PcrPolicy.parseList("7, 0-2,4")).containsExactly(0, 1, 2, 4, 7);
    }

    @Test
    void aBackwardsRangeIsRefusedRatherThanSealingToFewerPcrs() {
        assertThatThrownBy(() -> PcrPolicy.parseList("0,7-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PCR range 7-2 runs backwards (write 2-7)");
    }

    @Test
    void aRefusedListIsShownOnOneLine() {
        assertThatThrownBy(() -> PcrPolicy.parseList("0\n\u001b[2J"))
                .hasMessage("'0\\n\\x1b[2J' is not a PCR list (write e.g. 0,2,4,7 or 0-7)");
    }
}
