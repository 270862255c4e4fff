package dev.custody.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerDirectoryTest {
    @Test
    void randomTextNeverLooksLikeAnOptionOnACommandLine() {
        // One in 64 unfiltered draws starts with '-'; 5,000 draws would all but surely show one.
        for (int i = 0; i < 5_000; i++) {
            String text = ServerDirectory.randomText(32);
            assertThat(text).doesNotStartWith("-").hasSize(43).matches("[A-Za-z0-9_-]+");
        }
    }
}
