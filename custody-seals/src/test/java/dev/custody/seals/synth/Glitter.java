package dev.custody.seals.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Paints the flakes and scratches onto the seal canvas for one shot. A flake's diffuse colour is
 * always there; its mirror facet sparkles only when the light and the camera line up with its
 * normal, so the same seal sparkles differently in every photo (the flicker the comparison must
 * forgive).
 */
final class Glitter {
    private Glitter() {}

    /**
     * How one flake looks in one shot: its sparkle (added to its body), its shade, whether the
     * random flash lit it, and facing^80 (how squarely its facet meets the light).
     */
    record FlakeLight(double sparkle, double shade, boolean flashed, double facing80) {}

    /** Every flake's light in {@code shot}, in the design's order, from the shot's own flicker seed. */
    static List<FlakeLight> lights(SealDesign design, Shot shot) {
        Random flicker = SealRenderer.flicker(shot);
        double[] half = normalise(shot.lightX() - shot.tiltX(), shot.lightY() - shot.tiltY(), 2);
        List<FlakeLight> lights = new ArrayList<>();
        for (Particle p : design.particles()) {
            double[] normal = normalise(p.normalX(), p.normalY(), 1);
            double facing = Math.max(0, normal[0] * half[0] + normal[1] * half[1] + normal[2] * half[2]);
            double facing80 = Math.pow(facing, 80);
            // the facet's exact angle is never known: any flake may flash or stay dark from one photo to the next
            double sparkle = 2.5 * facing80 * 3 * flicker.nextDouble();
            boolean flashed = flicker.nextDouble() < shot.flash();
            if (flashed) {
                sparkle += 1.5 * flicker.nextDouble();
            }
            double shade = shot.flakeShade() * (1 - 2 * shot.flakeShade() * (flicker.nextDouble() - 0.5)) + (1 - shot.flakeShade());
            lights.add(new FlakeLight(sparkle, shade, flashed, facing80));
        }
        return lights;
    }

    static void paint(float[][] rgb, int n, double detail, SealDesign design, Shot shot) {
        List<FlakeLight> lights = lights(design, shot);
        for (int i = 0; i < lights.size(); i++) {
            Particle p = design.particles().get(i);
            FlakeLight l = lights.get(i);
            float[] colour = {body(p.red(), l.sparkle(), l.shade()), body(p.green(), l.sparkle(), l.shade()),
                body(p.blue(), l.sparkle(), l.shade())};
            polygon(rgb, n, detail, p, colour);
        }
        for (Scratch s : design.scratches()) {
            scratch(rgb, n, detail, s, design.shape());
        }
    }

    /** Metallic flakes stand out from the polish even unlit: they mirror the room, tinted by their colour. */
    private static float body(float colour, double sparkle, double shade) {
        return (float) ((0.35 + 0.65 * colour) * shade + sparkle);
    }

    private static double[] normalise(double x, double y, double z) {
        double len = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / len, y / len, z / len};
    }

    private static void polygon(float[][] rgb, int n, double detail, Particle p, float[] colour) {
        double cx = p.x() * detail + n / 2.0;
        double cy = p.y() * detail + n / 2.0;
        double radius = p.radius() * detail;
        double apothem = radius * Math.cos(Math.PI / p.sides());
        double sector = 2 * Math.PI / p.sides();
        int x0 = Math.max(0, (int) (cx - radius - 1));
        int x1 = Math.min(n - 1, (int) (cx + radius + 1));
        int y0 = Math.max(0, (int) (cy - radius - 1));
        int y1 = Math.min(n - 1, (int) (cy + radius + 1));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double a = Math.atan2(dy, dx) - p.angle();
                double local = a - sector * Math.floor(a / sector) - sector / 2;
                double distance = Math.hypot(dx, dy) * Math.cos(local);
                double cover = Math.max(0, Math.min(1, apothem - distance + 0.5));
                if (cover > 0) {
                    int i = y * n + x;
                    for (int k = 0; k < 3; k++) {
                        rgb[k][i] = (float) (rgb[k][i] * (1 - cover) + colour[k] * cover);
                    }
                }
            }
        }
    }

    /** A dark groove with a pale lip on each side, only where the polish is. */
    private static void scratch(float[][] rgb, int n, double detail, Scratch s, SealShape shape) {
        double pad = s.width() + 3 / detail;
        int x0 = Math.max(0, (int) ((Math.min(s.x0(), s.x1()) - pad) * detail + n / 2.0));
        int x1 = Math.min(n - 1, (int) ((Math.max(s.x0(), s.x1()) + pad) * detail + n / 2.0) + 1);
        int y0 = Math.max(0, (int) ((Math.min(s.y0(), s.y1()) - pad) * detail + n / 2.0));
        int y1 = Math.min(n - 1, (int) ((Math.max(s.y0(), s.y1()) + pad) * detail + n / 2.0) + 1);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double sx = (x - n / 2.0) / detail;
                double sy = (y - n / 2.0) / detail;
                if (!shape.contains(sx, sy)) {
                    continue;
                }
                double d = s.distanceTo(sx, sy) * detail;
                double core = s.width() / 2 * detail;
                float value;
                if (d < core) {
                    value = 0.08f;
                } else if (d < core + 1.5) {
                    value = 0.75f;
                } else {
                    continue;
                }
                int i = y * n + x;
                for (int k = 0; k < 3; k++) {
                    rgb[k][i] = value;
                }
            }
        }
    }
}
