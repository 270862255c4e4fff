package dev.custody.seals.compare;

import java.util.stream.IntStream;

/** Resamples an image into a {@link Frame}, through a homography and an optional flow field. */
public final class Warp {
    private Warp() {}

    /**
     * @param frameToSource frame pixels to the source's full-resolution pixels
     * @return the frame-sized image; NaN where the source has no pixels
     */
    public static Gray into(Frame frame, Pyramid source, Homography frameToSource, FlowField flow) {
        double area = Math.abs(frameToSource.areaScale(frame.width() / 2.0, frame.height() / 2.0));
        int factor = Math.max(1, (int) Math.floor(Math.sqrt(area)));
        Gray level = source.level(factor);
        Homography toLevel = Pyramid.fullToLevel(factor).after(frameToSource);
        int w = frame.width();
        float[] out = new float[w * frame.height()];
        IntStream.range(0, frame.height()).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                double fx = x;
                double fy = y;
                if (flow != null) {
                    double[] d = flow.at(x, y);
                    fx += d[0];
                    fy += d[1];
                }
                double[] p = toLevel.map(fx, fy);
                out[y * w + x] = level.sample(p[0], p[1]);
            }
        });
        return new Gray(w, frame.height(), out);
    }
}
