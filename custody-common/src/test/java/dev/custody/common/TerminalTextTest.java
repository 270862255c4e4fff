package dev.custody.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void escapeSequencesAndCarriageReturnsBecomeVisible() {
        assertThat(TerminalText.escape("evil\u001b[31mRED\u001b[0m\rOVERWRITE"))
                .isEqualTo("evil\\x1b[31mRED\\x1b[0m\\rOVERWRITE");
        assertThat(TerminalText.escape("a\u0007b\u0000c\u007fd\u009be\nf\tg")).isEqualTo("a\\x07b\\x00c\\x7fd\\x9be\\nf\\tg");
    }

    @Test
    void bidiControlsAndLineSeparatorsBecomeVisible() {
        assertThat(TerminalText.escape("photo\u202egpj.exe")).isEqualTo("photo\\u202egpj.exe");
        assertThat(TerminalText.escape("\u2066x\u2069\u2028")).isEqualTo("\\u2066x\\u2069\\u2028");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        String text = "heads/initrd/.gnupg/pubring.kbx \\EFI\\BOOT\\BOOTX64.EFI Grüße 日本";
        assertThat(TerminalText.escape(text)).isSameAs(text);
    }

    @Test
    void formatEscapesTheValuesButKeepsItsOwnLineBreaks() {
        assertThat(TerminalText.format("%-6s %04x%n", "a\rb", 42)).isEqualTo("a\\rb   002a" + System.lineSeparator());
    }
}
