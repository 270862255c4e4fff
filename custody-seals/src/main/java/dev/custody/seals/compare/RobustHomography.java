package dev.custody.seals.compare;

import boofcv.abst.geo.h.HomographyDLT_to_Epipolar;
import boofcv.factory.geo.ConfigHomography;
import boofcv.factory.geo.ConfigRansac;
import boofcv.factory.geo.FactoryMultiView;
import boofcv.factory.geo.FactoryMultiViewRobust;
import boofcv.struct.geo.AssociatedPair;
import georegression.struct.homography.Homography2D_F64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ddogleg.fitting.modelset.ModelMatcher;
import org.ejml.data.DMatrixRMaj;

/**
 * RANSAC homography with a fixed seed (the same photos always give the same answer), refitted by
 * least squares on its inliers.
 */
public final class RobustHomography {
    /** Fixed so that comparisons repeat exactly. */
    private static final long SEED = 0x5EA15L;
    private static final int ITERATIONS = 800;

    private RobustHomography() {}

    /** The homography reference→photo, the inlier pairs and their RMS residual in pixels. */
    public record Fit(Homography homography, List<AssociatedPair> inliers, double rms) {}

    public static Optional<Fit> fit(List<AssociatedPair> pairs, double inlierPixels) {
        if (pairs.size() < 8) {
            return Optional.empty();
        }
        ConfigRansac config = new ConfigRansac(ITERATIONS, inlierPixels);
        config.randSeed = SEED;
        ModelMatcher<Homography2D_F64, AssociatedPair> ransac =
                FactoryMultiViewRobust.homographyRansac(new ConfigHomography(true), config);
        if (!ransac.process(pairs)) {
            return Optional.empty();
        }
        List<AssociatedPair> inliers = new ArrayList<>(ransac.getMatchSet());
        Homography h = refit(inliers).orElse(toHomography(ransac.getModelParameters()));
        // keep the pairs the refitted model still explains
        List<AssociatedPair> kept = new ArrayList<>();
        double sum = 0;
        for (AssociatedPair pair : pairs) {
            double[] p = h.map(pair.p1.x, pair.p1.y);
            double e2 = Math.pow(p[0] - pair.p2.x, 2) + Math.pow(p[1] - pair.p2.y, 2);
            if (e2 < inlierPixels * inlierPixels) {
                kept.add(pair);
                sum += e2;
            }
        }
        if (kept.size() < 4) {
            return Optional.empty();
        }
        return Optional.of(new Fit(h, kept, Math.sqrt(sum / kept.size())));
    }

    private static Optional<Homography> refit(List<AssociatedPair> inliers) {
        HomographyDLT_to_Epipolar dlt = FactoryMultiView.homographyDLT(true);
        DMatrixRMaj m = new DMatrixRMaj(3, 3);
        if (inliers.size() < 4 || !dlt.process(inliers, m)) {
            return Optional.empty();
        }
        return Optional.of(new Homography(m.data));
    }

    private static Homography toHomography(Homography2D_F64 h) {
        return new Homography(new double[] {h.a11, h.a12, h.a13, h.a21, h.a22, h.a23, h.a31, h.a32, h.a33});
    }
}
