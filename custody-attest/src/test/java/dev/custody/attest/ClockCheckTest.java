package dev.custody.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockCheckTest {
    @Test
    void aClockBeforeTheBuildIsReportedAsReset() {
        ClockCheck check = new ClockCheck(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(check.warning(Instant.parse("2000-01-01T00:00:00Z"))).get().asString()
                .contains("RTC was probably reset");
        assertThat(check.warning(Instant.parse("2026-11-26T00:00:00Z"))).isEmpty();
    }

    @Test
    void thisBuildKnowsWhenItWasBuilt() {
        assertThat(ClockCheck.ofThisBuild().warning(Instant.parse("1999-01-01T00:00:00Z"))).isPresent();
        assertThat(ClockCheck.ofThisBuild().warning(Instant.now())).isEmpty();
    }
}
