package dev.custody.ownership.shamir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.attest.QrCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareTest {
    private static final String BUNDLE = "ABCDEFGHIJKLMNOP";
    private final Share share = SecretShares.split(BUNDLE, "the secrets".getBytes(StandardCharsets.UTF_8), 2, 3).get(1);

    @Test
    void encodesEveryFieldAndReadsBack() {
        String text = share.encode();
        assertThat(text).startsWith("CUSTODY-SHARE:1:ABCDEFGHIJKLMNOP:2:3:2:").matches("[A-Z0-9:\\-]+");
        assertThat(Share.parse(text)).isEqualTo(share);
    }

    @Test
    void typedInGroupsAndLowerCaseStillReads() {
        String typed = share.encode().toLowerCase().replaceAll("(.{5})", "$1 ").replaceAll("(.{60})", "$1\n");
        assertThat(Share.parse(typed)).isEqualTo(share);
    }

    @Test
    void aMistypedCharacterIsRefusedByTheChecksum() {
        String text = share.encode();
        int at = text.lastIndexOf(':') - 3;
        char wrong = text.charAt(at) == 'A' ? 'B' : 'A';
        String mistyped = text.substring(0, at) + wrong + text.substring(at + 1);
        assertThatThrownBy(() -> Share.parse(mistyped)).hasMessageContaining("checksum does not match");
        assertThatThrownBy(() -> Share.parse("hello")).hasMessageContaining("not a Custody share");
    }

    @Test
    void anotherFormatVersionIsRefusedClearly() {
        String body = share.encode().substring(0, share.encode().lastIndexOf(':')).replace("CUSTODY-SHARE:1:", "CUSTODY-SHARE:9:");
        String reChecked = body + ":" + checksumOf(body);
        assertThatThrownBy(() -> Share.parse(reChecked)).hasMessageContaining("version 9 is not supported");
    }

    private static String checksumOf(String body) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void qrCodeDecodesWithZbarimgToTheShareText(@TempDir Path dir) throws IOException, InterruptedException {
        Path png = dir.resolve("share.png");
        QrCode.of(share.encode()).writePng(png);
        Process zbar = new ProcessBuilder(List.of("zbarimg", "--raw", "-q", png.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String decoded = new String(zbar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(zbar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(decoded).isEqualTo(share.encode());
    }
}
