package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MalformedLogExceptionTest {
    /** The cbmem text parser quotes the line it could not read, whatever bytes the line holds. */
    @Test
    void textQuotedFromTheLogIsShownEscaped() {
        assertThat(new MalformedLogException("cbmem -L text, line 4: unexpected line \"PCR-2\tx\u0000\u001b[31m\"").getMessage())
                .isEqualTo("cbmem -L text, line 4: unexpected line \"PCR-2\\tx\\x00\\x1b[31m\"");
    }
}
