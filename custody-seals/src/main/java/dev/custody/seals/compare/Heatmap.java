package dev.custody.seals.compare;

import java.awt.image.BufferedImage;

/**
 * The photo in grey with the dissimilarity of each cell painted over it: green where the seal
 * matches, through yellow, to red where it changed. Uncompared areas stay grey.
 */
public final class Heatmap {
    private Heatmap() {}

    public static BufferedImage paint(Gray photo, CellMap cells) {
        int w = photo.width();
        int h = photo.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float g = photo.get(x, y);
                int grey = Float.isNaN(g) ? 0 : Math.max(0, Math.min(255, Math.round(g)));
                float s = cells.at(Math.min(cells.columns() - 1, x / cells.cell()), Math.min(cells.rows() - 1, y / cells.cell()));
                if (Float.isNaN(s)) {
                    row[x] = grey << 16 | grey << 8 | grey;
                    continue;
                }
                double t = Math.max(0, Math.min(1, (0.9 - s) / 0.7));
                int r = (int) (255 * Math.min(1, 2 * t));
                int gr = (int) (255 * Math.min(1, 2 - 2 * t));
                row[x] = blend(grey, r) << 16 | blend(grey, gr) << 8 | blend(grey, 0);
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        return image;
    }

    private static int blend(int grey, int colour) {
        return (grey * 55 + colour * 45) / 100;
    }
}
