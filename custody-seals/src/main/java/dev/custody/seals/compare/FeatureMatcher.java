package dev.custody.seals.compare;

import boofcv.abst.feature.associate.AssociateDescription;
import boofcv.abst.feature.detdesc.DetectDescribePoint;
import boofcv.abst.feature.detect.interest.ConfigFastHessian;
import boofcv.factory.feature.associate.ConfigAssociateGreedy;
import boofcv.factory.feature.associate.FactoryAssociation;
import boofcv.factory.feature.detdesc.FactoryDetectDescribe;
import boofcv.struct.feature.AssociatedIndex;
import boofcv.struct.feature.TupleDesc_F64;
import boofcv.struct.geo.AssociatedPair;
import boofcv.struct.image.GrayF32;
import georegression.struct.point.Point2D_F64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ddogleg.struct.DogArray;

/**
 * SURF features (BoofCV, pure Java) and their one-to-one matches between the reference and the
 * photo. Glitter gives many distinctive blobs, so matches are plentiful on a real seal and rare on
 * anything else.
 */
public final class FeatureMatcher {
    private static final int MAX_FEATURES = 1500;

    private FeatureMatcher() {}

    /** Points and their descriptors in one image (pixel coordinates of that image). */
    public record Features(List<Point2D_F64> points, DogArray<TupleDesc_F64> descriptions) {
        public int size() {
            return points.size();
        }
    }

    /** Features of an image, keeping only those inside {@code area} when one is given. */
    public static Features detect(Gray image, Optional<double[]> area) {
        if (area.isPresent()) {
            return detectIn(image, area.get());
        }
        ConfigFastHessian config = new ConfigFastHessian();
        config.maxFeaturesAll = MAX_FEATURES;
        config.extract.threshold = 1;
        DetectDescribePoint<GrayF32, TupleDesc_F64> surf =
                FactoryDetectDescribe.surfFast(config, null, null, GrayF32.class);
        surf.detect(toBoof(image));
        // BoofCV may detect in parallel threads, so the order of features can vary between runs;
        // sorting by position makes matching and RANSAC's samples, hence the result, repeat exactly
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < surf.getNumberOfFeatures(); i++) {
            if (area.isEmpty() || inside(area.get(), surf.getLocation(i))) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> surf.getLocation(i).y)
                .thenComparingDouble(i -> surf.getLocation(i).x).thenComparingDouble(surf::getRadius));
        List<Point2D_F64> points = new ArrayList<>();
        DogArray<TupleDesc_F64> descriptions = new DogArray<>(surf::createDescription);
        for (int i : order) {
            points.add(surf.getLocation(i).copy());
            descriptions.grow().setTo(surf.getDescription(i));
        }
        return new Features(points, descriptions);
    }

    /**
     * Features inside a box only, found on a crop of the image with a margin (so that the box's
     * edge is not mistaken for the image's): the seal, not the whole reference, pays for SURF.
     */
    private static Features detectIn(Gray image, double[] box) {
        int margin = 24;
        int x0 = Math.max(0, (int) Math.floor(box[0]) - margin);
        int y0 = Math.max(0, (int) Math.floor(box[1]) - margin);
        int x1 = Math.min(image.width(), (int) Math.ceil(box[2]) + margin);
        int y1 = Math.min(image.height(), (int) Math.ceil(box[3]) + margin);
        if (x1 - x0 < 32 || y1 - y0 < 32) {
            return new Features(List.of(), new DogArray<>(() -> new TupleDesc_F64(64)));
        }
        float[] crop = new float[(x1 - x0) * (y1 - y0)];
        for (int y = y0; y < y1; y++) {
            System.arraycopy(image.data(), y * image.width() + x0, crop, (y - y0) * (x1 - x0), x1 - x0);
        }
        Features found = detect(new Gray(x1 - x0, y1 - y0, crop), Optional.empty());
        List<Point2D_F64> points = new ArrayList<>();
        DogArray<TupleDesc_F64> descriptions = new DogArray<>(() -> new TupleDesc_F64(found.descriptions().get(0).size()));
        for (int i = 0; i < found.size(); i++) {
            Point2D_F64 p = new Point2D_F64(found.points().get(i).x + x0, found.points().get(i).y + y0);
            if (inside(box, p)) {
                points.add(p);
                descriptions.grow().setTo(found.descriptions().get(i));
            }
        }
        return new Features(points, descriptions);
    }

    /** Mutual best matches that pass the ratio test: few false pairs for RANSAC to reject. */
    public static List<AssociatedPair> match(Features reference, Features photo) {
        AssociateDescription<TupleDesc_F64> associate = FactoryAssociation.greedy(
                new ConfigAssociateGreedy(true, 0.85), FactoryAssociation.scoreEuclidean(TupleDesc_F64.class, true));
        associate.setSource(reference.descriptions());
        associate.setDestination(photo.descriptions());
        associate.associate();
        List<AssociatedPair> pairs = new ArrayList<>();
        for (AssociatedIndex m : associate.getMatches().toList()) {
            pairs.add(new AssociatedPair(reference.points().get(m.src), photo.points().get(m.dst), true));
        }
        return pairs;
    }

    private static boolean inside(double[] box, Point2D_F64 p) {
        return p.x >= box[0] && p.y >= box[1] && p.x < box[2] && p.y < box[3];
    }

    private static GrayF32 toBoof(Gray image) {
        GrayF32 boof = new GrayF32();
        boof.width = image.width();
        boof.height = image.height();
        boof.stride = image.width();
        boof.startIndex = 0;
        boof.data = image.data();
        return boof;
    }
}
