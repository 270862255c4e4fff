package dev.custody.seals.synth;

import dev.custody.seals.compare.Homography;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Draws a {@link SealDesign} as a {@link Shot} sees it. The seal is first painted on a canvas at
 * roughly the photo's resolution (so small flakes are anti-aliased, not aliased), then projected
 * through the camera, with the dome's parallax, light, blur, noise and JPEG applied.
 */
public final class SealRenderer {
    private static final double R = SealDesign.DOME_RADIUS;

    private final SealDesign design;
    private final Shot shot;
    private final ValueNoise noise;
    private final double detail;
    private final int canvasSize;

    private SealRenderer(SealDesign design, Shot shot) {
        this.design = design;
        this.shot = shot;
        this.noise = new ValueNoise(design.caseSeed());
        this.detail = Math.max(0.3, Math.min(3, shot.scale() * 1.2));
        this.canvasSize = (int) Math.ceil(2 * 1.08 * design.shape().reach() * detail) + 2;
    }

    /** The photo, already through the JPEG encoder. */
    public static BufferedImage photograph(SealDesign design, Shot shot) {
        SealRenderer renderer = new SealRenderer(design, shot);
        float[][] canvas = renderer.paintCanvas();
        float[][] photo = renderer.project(canvas);
        Degradation.blur(photo, shot.width(), shot.height(), shot.blur());
        return Degradation.noisyJpeg(photo, shot.width(), shot.height(), shot.noise(), shot.jpegQuality(), shot.grainSeed());
    }

    /** Which photo pixels show a changed part of the seal (white), for the ground truth. */
    public static BufferedImage mask(Tampering changed, Shot shot) {
        BufferedImage mask = new BufferedImage(shot.width(), shot.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] bytes = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        Homography toSeal = shot.sealToPhoto().inverse();
        IntStream.range(0, shot.height()).parallel().forEach(v -> {
            for (int u = 0; u < shot.width(); u++) {
                double[] p = sealPoint(shot, changed.design().shape(), toSeal, u, v);
                if (changed.changed().contains(p[0], p[1])) {
                    bytes[v * shot.width() + u] = (byte) 255;
                }
            }
        });
        return mask;
    }

    /** Seal point seen at photo pixel (u, v): the flat projection, then the dome's parallax. */
    private static double[] sealPoint(Shot shot, SealShape shape, Homography toSeal, double u, double v) {
        double[] p = toSeal.map(u, v);
        double h = shape.height(p[0], p[1]);
        p[0] -= h * shot.tiltX();
        p[1] -= h * shot.tiltY();
        return p;
    }

    private float[][] paintCanvas() {
        int n = canvasSize;
        float[][] rgb = new float[3][n * n];
        IntStream.range(0, n).parallel().forEach(j -> {
            float[] c = new float[3];
            for (int i = 0; i < n; i++) {
                double x = (i - n / 2.0) / detail;
                double y = (j - n / 2.0) / detail;
                surface(x, y, c);
                for (int k = 0; k < 3; k++) {
                    rgb[k][j * n + i] = c[k];
                }
            }
        });
        Glitter.paint(rgb, n, detail, design, shot);
        return rgb;
    }

    /** Case, screw, seam and polish or sticker (no glitter) at a seal point. */
    private void surface(double x, double y, float[] out) {
        SealShape shape = design.shape();
        switch (shape) {
            case ROUND -> screw(x, y, out);
            case STRIP, STICKER -> seam(x, y, out);
        }
        double inside = shape.distanceInside(x, y);
        if (inside <= 0) {
            return;
        }
        float[] tint = design.polishTint();
        if (shape == SealShape.STICKER) {
            float printed = inside < 0.07 * R ? 0.45f : 1f;
            float[] ground = stickerGround(design);
            for (int k = 0; k < 3; k++) {
                out[k] = ground[k] * printed;
            }
            return;
        }
        float alpha = 0.35f;
        float edge = inside < 0.07 * R ? 0.8f : 1f;
        for (int k = 0; k < 3; k++) {
            out[k] = (out[k] * (1 - alpha) + tint[k] * alpha) * edge;
        }
    }

    private void screw(double x, double y, float[] out) {
        double r = Math.hypot(x, y);
        double head = SealDesign.HEAD_RADIUS;
        if (r >= head) {
            caseColour(x, y, out);
            return;
        }
        float v = (float) (0.5 + 0.12 * (x - y) / head);
        if (r > 0.93 * head) {
            v = 0.32f;
        }
        if (inRecess(x, y, r, head)) {
            v = 0.1f;
        }
        out[0] = v;
        out[1] = v;
        out[2] = v * 1.02f;
    }

    /** Two case parts meeting along x = 0. */
    private void seam(double x, double y, float[] out) {
        caseColour(x, y, out);
        if (Math.abs(x) < 0.025 * R) {
            for (int k = 0; k < 3; k++) {
                out[k] *= 0.3f;
            }
        }
    }

    private boolean inRecess(double x, double y, double r, double head) {
        return switch (design.head()) {
            case PHILLIPS -> (Math.abs(x) < 0.07 * head && Math.abs(y) < 0.5 * head)
                    || (Math.abs(y) < 0.07 * head && Math.abs(x) < 0.5 * head);
            case TORX -> r < 0.3 * head * (1 + 0.2 * Math.cos(6 * Math.atan2(y, x)));
        };
    }

    private void caseColour(double x, double y, float[] out) {
        float v = (float) (0.12 + 0.07 * noise.at(x / 90, y / 90) + 0.06 * noise.at(x / 9 + 100, y / 9)
                + 0.03 * noise.at(x / 3 + 500, y / 3));
        out[0] = v;
        out[1] = v;
        out[2] = v * 1.1f;
    }

    private float[][] project(float[][] canvas) {
        int w = shot.width();
        int h = shot.height();
        float[][] out = new float[3][w * h];
        Homography toSeal = shot.sealToPhoto().inverse();
        IntStream.range(0, h).parallel().forEach(v -> {
            float[] c = new float[3];
            for (int u = 0; u < w; u++) {
                double[] p = sealPoint(shot, design.shape(), toSeal, u, v);
                double ci = p[0] * detail + canvasSize / 2.0;
                double cj = p[1] * detail + canvasSize / 2.0;
                if (ci >= 0 && cj >= 0 && ci < canvasSize - 1 && cj < canvasSize - 1) {
                    sampleCanvas(canvas, ci, cj, c);
                } else {
                    surface(p[0], p[1], c);
                }
                double bright = design.shape().contains(p[0], p[1]) ? highlight(shot, p[0], p[1]) : 0;
                double gain = shot.gain() * (1 + shot.gradientX() * (u / (double) w - 0.5)
                        + shot.gradientY() * (v / (double) h - 0.5));
                for (int k = 0; k < 3; k++) {
                    double lit = Math.max(0, Math.min(1, gain * shot.whiteBalance()[k] * (c[k] + bright)));
                    out[k][v * w + u] = (float) (255 * Math.pow(lit, shot.gamma()));
                }
            }
        });
        return out;
    }

    /** The soft highlight the light leaves on the seal at seal point (x, y). */
    static double highlight(Shot shot, double x, double y) {
        double lightNorm = Math.sqrt(1 + shot.lightX() * shot.lightX() + shot.lightY() * shot.lightY());
        double dx = x + 0.5 * SealDesign.DOME_RADIUS * shot.lightX() / lightNorm;
        double dy = y + 0.5 * SealDesign.DOME_RADIUS * shot.lightY() / lightNorm;
        return 0.15 * Math.exp(-(dx * dx + dy * dy) / (2 * Math.pow(0.25 * SealDesign.DOME_RADIUS, 2)));
    }

    /** A sticker's printed ground (no glitter), away from its darker rim. */
    static float[] stickerGround(SealDesign design) {
        float[] tint = design.polishTint();
        return new float[] {Math.min(1, 0.35f + tint[0]), Math.min(1, 0.35f + tint[1]), Math.min(1, 0.35f + tint[2])};
    }

    private void sampleCanvas(float[][] canvas, double x, double y, float[] out) {
        int x0 = (int) x;
        int y0 = (int) y;
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        int i = y0 * canvasSize + x0;
        for (int k = 0; k < 3; k++) {
            float[] c = canvas[k];
            float top = c[i] + (c[i + 1] - c[i]) * fx;
            float bottom = c[i + canvasSize] + (c[i + canvasSize + 1] - c[i + canvasSize]) * fx;
            out[k] = top + (bottom - top) * fy;
        }
    }

    /** A per-shot random source for sparkle flicker that does not depend on thread scheduling. */
    static Random flicker(Shot shot) {
        return new Random(shot.grainSeed() * 31 + 7);
    }
}
