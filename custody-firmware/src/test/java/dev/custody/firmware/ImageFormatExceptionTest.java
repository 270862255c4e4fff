package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageFormatExceptionTest {
    /** A CBFS file's or FMAP area's name is the image's own bytes, quoted in the one-line message. */
    @Test
    void aNameFromTheImageCannotBreakTheLineOrReachTheTerminal() {
        var refused = new ImageFormatException("CBFS file 'fallback/\u001b[2Jpayload\n\u009b'", 0x130ec, "len 0x10 runs outside");

        assertThat(refused.getMessage())
                .isEqualTo("CBFS file 'fallback/\\x1b[2Jpayload\\n\\x9b' at offset 0x130ec: len 0x10 runs outside");
    }
}
