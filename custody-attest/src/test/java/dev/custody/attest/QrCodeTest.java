package dev.custody.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QR codes must scan: zbarimg, a real decoder, reads back exactly the enrolment URI. */
class QrCodeTest {
    private static final String URI = OtpUri.totp("x230 lab", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16, 17, 18, 19, 20});

    @TempDir
    Path work;

    @Test
    void pngDecodesToTheUriAndIsPrivate() throws Exception {
        Path png = work.resolve("totp.png");
        QrCode.of(URI).writePng(png);
        assertThat(zbarimg(png)).isEqualTo(URI);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(png))).isEqualTo("rw-------");
        assertThat(URI).startsWith("otpauth://totp/x230%20lab?secret=AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU");
    }

    @Test
    void terminalRenderingScansToo() throws Exception {
        List<String> lines = QrCode.of(URI).toTerminal().lines().toList();
        int scale = 6;
        BufferedImage image = new BufferedImage(lines.get(0).length() * scale, lines.size() * 2 * scale,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int row = 0; row < lines.size(); row++) {
            for (int x = 0; x < lines.get(row).length(); x++) {
                char c = lines.get(row).charAt(x);
                paint(image, x, row * 2, c == '█' || c == '▀', scale);
                paint(image, x, row * 2 + 1, c == '█' || c == '▄', scale);
            }
        }
        Path png = work.resolve("terminal.png");
        ImageIO.write(image, "PNG", png.toFile());
        assertThat(zbarimg(png)).isEqualTo(URI);
    }

    private static void paint(BufferedImage image, int x, int y, boolean light, int scale) {
        int rgb = light ? 0xffffff : 0x000000;
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                image.setRGB(x * scale + dx, y * scale + dy, rgb);
            }
        }
    }

    static String zbarimg(Path png) throws IOException, InterruptedException {
        return OneTimePasswordTest.run("zbarimg", "--quiet", "--raw", png.toString());
    }
}
