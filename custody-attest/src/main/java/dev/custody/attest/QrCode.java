package dev.custody.attest;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.custody.common.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** A QR code, drawn in a terminal with Unicode half blocks or written as a PNG. */
public final class QrCode {
    private static final int TERMINAL_QUIET_ZONE = 2;
    private static final int PNG_QUIET_ZONE = 4;
    private static final int PNG_SCALE = 8;

    private final String text;

    private QrCode(String text) {
        this.text = text;
    }

    public static QrCode of(String text) {
        return new QrCode(text);
    }

    private BitMatrix matrix(int quietZone, int scale) {
        try {
            BitMatrix bare = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, quietZone, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            if (scale == 1) {
                return bare;
            }
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, bare.getWidth() * scale,
                    bare.getHeight() * scale,
                    Map.of(EncodeHintType.MARGIN, quietZone, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        }
    }

    /**
     * Two module rows per text line. Light modules are drawn as blocks, so on the usual dark
     * terminal background the code appears dark-on-light, as scanners expect.
     */
    public String toTerminal() {
        BitMatrix m = matrix(TERMINAL_QUIET_ZONE, 1);
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            for (int x = 0; x < m.getWidth(); x++) {
                boolean topLight = !m.get(x, y);
                boolean bottomLight = y + 1 >= m.getHeight() || !m.get(x, y + 1);
                out.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Written atomically and readable by the owner only: the picture holds the secret. */
    public void writePng(Path file) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix(PNG_QUIET_ZONE, PNG_SCALE), "PNG", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the QR code", e);
        }
        AtomicFiles.writePrivate(file, png.toByteArray());
    }
}
