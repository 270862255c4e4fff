package dev.custody.seals.compare;

/**
 * The comparison canvas: a window of the photo at a reduced scale, where the aligned reference and
 * the photo are compared pixel for pixel. {@code scale} is frame pixels per photo pixel.
 */
public record Frame(int width, int height, double originX, double originY, double scale) {

    public Homography toPhoto() {
        return Homography.translation(originX, originY).after(Homography.scaling(1 / scale, 1 / scale));
    }

    /** A box of the frame, in the photo's full-resolution pixels. */
    public dev.custody.seals.Region toPhoto(int x, int y, int w, int h) {
        int px = (int) Math.floor(originX + x / scale);
        int py = (int) Math.floor(originY + y / scale);
        return new dev.custody.seals.Region(px, py, Math.max(1, (int) Math.round(w / scale)),
                Math.max(1, (int) Math.round(h / scale)));
    }
}
