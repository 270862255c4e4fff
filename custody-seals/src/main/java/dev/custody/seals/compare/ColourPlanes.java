package dev.custody.seals.compare;

import java.awt.image.BufferedImage;

/** A photo's log-opponent colour at the comparison's working scale (see {@link GrayOps#logChroma}). */
record ColourPlanes(Pyramid red, Pyramid blue) {
    static ColourPlanes of(BufferedImage image, int factor) {
        Gray[] planes = GrayOps.logChroma(image, factor);
        return new ColourPlanes(new Pyramid(planes[0]), new Pyramid(planes[1]));
    }
}
