package dev.custody.seals.compare;

import dev.custody.seals.Alignment;
import dev.custody.seals.Comparison;
import dev.custody.seals.ParticleChange;
import dev.custody.seals.Region;
import dev.custody.seals.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The second half of a comparison, once the reference is aligned: refine, compare, explain. */
final class FrameComparison {
    /**
     * Scores below this are tampered: the lowest threshold that flagged every tampered pair of the
     * harder generator's tuning seed (101, round and strip seals; ROC in docs/benchmarks.md).
     */
    static final double THRESHOLD = 0.35;
    /** A cell this unlike its reference is part of a changed region. */
    static final double CELL_CHANGED = 0.45;
    /** The score is exp(−evidence / EVIDENCE_SCALE), evidence from {@link ChangeEvidence}. */
    static final double EVIDENCE_SCALE = 3;
    /**
     * Scores below this are tampered whatever the photo's quality: a change this strong is not faint
     * flakes or noise (the lowest genuine score on the benchmark seeds was 0.31, in seed 7's noisiest
     * photo; nearly all tamperings score under 0.2), so a poor photo cannot excuse it.
     */
    static final double CLEAR_CHANGE = 0.25;
    /**
     * Between {@link #CLEAR_CHANGE} and {@link #THRESHOLD} the evidence is weak; it is only trusted
     * if the photo shows the flakes at least this clearly (contrast against noise) relative to the
     * reference. Below, faint flakes and JPEG/noise speckle look like missing or new ones.
     */
    static final double MIN_RELATIVE_CLARITY = 0.75;
    /**
     * More of the seal than this washed out by glare (in either photo) and the rest cannot vouch for
     * it: a removed patch of flakes could hide there.
     */
    static final double MAX_GLARE = 0.2;
    /**
     * A seal is only called intact when glare hides less than this of it: less than the smallest
     * patch of flakes the comparison promises to see (about 1.4% of a sticker).
     */
    static final double MAX_GLARE_INTACT = 0.01;
    /** A photo keeping less than this share of the reference's fine detail is too blurred to judge. */
    static final double MIN_SHARPNESS = 0.3;

    private final Frame frame;
    private final Pyramid reference;
    private final ColourPlanes referenceColour;
    private final SealArea seal;
    private final Homography frameToPhoto;
    private final Homography frameToReference;
    private final Pyramid photo;
    private final ColourPlanes photoColour;
    private final Alignment alignment;
    private final Stopwatch clock;

    private final Consumer<Decision> decisions;

    /** What the decision saw, for diagnosing a pair stage by stage (the diagnosis tools in the tests). */
    record Decision(Frame frame, CellMap cells, List<ChangeEvidence.Group> groups, FlakeEvidence flakes) {}

    /** @param decisions told what each decision saw (a diagnosis tool's; the comparator ignores it) */
    FrameComparison(Frame frame, Pyramid reference, ColourPlanes referenceColour, SealArea seal,
                    Homography referenceToPhoto, Pyramid photo, ColourPlanes photoColour, Alignment alignment,
                    Stopwatch clock, Consumer<Decision> decisions) {
        this.frame = frame;
        this.reference = reference;
        this.referenceColour = referenceColour;
        this.seal = seal;
        this.frameToPhoto = frame.toPhoto();
        this.frameToReference = referenceToPhoto.inverse().after(frameToPhoto);
        this.photo = photo;
        this.photoColour = photoColour;
        this.alignment = alignment;
        this.clock = clock;
        this.decisions = decisions;
    }

    Comparison run() {
        int side = Math.max(frame.width(), frame.height());
        double sigma = Math.max(0.8, side / 400.0);
        int cell = Math.max(10, (int) Math.round(side / 40.0));
        // colour is needed only once the flakes are compared: each photo's is band-passed on the
        // other core as soon as its warp is known, while this one aligns and compares the grey
        CompletableFuture<Gray[]> photoColourBands = CompletableFuture.supplyAsync(() ->
                colourBands(photoColour, frameToPhoto, null, sigma));
        Gray photoFrame = Warp.into(frame, photo, frameToPhoto, null);
        Gray photoFilled = Structure.filled(photoFrame);
        Gray photoBand = Structure.bandPass(photoFilled, sigma);
        Gray photoStructure = Structure.of(photoBand, sigma);
        Gray photoOwnBand = photoBand;
        Gray photoMatched = photoFilled;
        Gray roughReference = Warp.into(frame, reference, frameToReference, null);
        Gray roughFilled = Structure.filled(roughReference);
        Gray photoFlakes = Structure.flakeBand(photoFilled, sigma);
        FlowField flow = FlakeFlow.estimate(Structure.flakeBand(roughFilled, sigma), photoFlakes,
                bothSeen(roughReference, photoFrame), cell, Math.max(4, (int) Math.round(side / 50.0)), 3 * cell);
        Gray referenceFrame = Warp.into(frame, reference, frameToReference, flow);
        CompletableFuture<Gray[]> referenceColourBands = CompletableFuture.supplyAsync(() ->
                colourBands(referenceColour, frameToReference, flow, sigma));
        clock.lap("refinement");

        boolean[] inside = inside(referenceFrame, photoFrame, flow);
        Optional<String> light = PhotoQuality.lighting(photoFrame, inside);
        if (light.isPresent()) {
            return Verdicts.cannotVerify(light.get(), alignment, clock);
        }
        Gray referenceOwn = Structure.filled(referenceFrame);
        double glare = PhotoQuality.maskGlare(inside, photoFilled, referenceOwn, 2 * sigma);
        if (glare > MAX_GLARE) {
            return Verdicts.cannotVerify(String.format(Locale.ROOT, "Glare washes out %.0f%% of the seal, so its glitter"
                    + " cannot be seen there; photograph it again without direct light on it.", 100 * glare), alignment, clock);
        }
        Gray referenceFilled = referenceOwn;
        double referenceSharpness = PhotoQuality.sharpness(referenceFilled, sigma, inside);
        double photoSharpness = PhotoQuality.sharpness(photoFilled, sigma, inside);
        double sharpness = photoSharpness / Math.max(1e-9, referenceSharpness);
        if (sharpness < 1) {
            referenceFilled = BlurMatch.toSharpness(referenceOwn, referenceSharpness, photoSharpness, sigma, inside);
        } else {
            photoMatched = BlurMatch.toSharpness(photoFilled, photoSharpness, referenceSharpness, sigma, inside);
            photoBand = Structure.bandPass(photoMatched, sigma);
            photoStructure = Structure.of(photoBand, sigma);
        }
        Gray referenceBand = Structure.bandPass(referenceFilled, sigma);
        Gray referenceStructure = Structure.of(referenceBand, sigma);
        CellMap cells = CellMap.compare(referenceStructure, photoStructure, inside, cell);
        clock.lap("comparison");
        if (cells.compared() < 4) {
            return Verdicts.cannotVerify("Too little of the seal could be compared; photograph the whole seal.", alignment, clock);
        }
        if (sharpness < MIN_SHARPNESS) {
            return Verdicts.cannotVerify(String.format(Locale.ROOT,
                    "The photo is too blurred (it keeps %.0f%% of the reference's fine detail); hold still and focus on the seal.",
                    100 * sharpness), alignment, clock);
        }
        FlakeColour colour = new FlakeColour(referenceColourBands.join(), photoColourBands.join(), inside);
        double score = Math.exp(-confirmedEvidence(cells, coreCells(cells, flow), Structure.flakeBand(referenceFilled, sigma),
                photoMatched == photoFilled ? photoFlakes : Structure.flakeBand(photoMatched, sigma), inside,
                Math.max(2.5, 2 * sigma), colour)
                / EVIDENCE_SCALE);
        Verdict verdict = score >= THRESHOLD ? Verdict.INTACT : Verdict.TAMPERED;
        if (verdict == Verdict.INTACT && glare > MAX_GLARE_INTACT) {
            // a moved or removed patch of flakes can lie under the glare: what was seen is no proof
            return Verdicts.cannotVerify(String.format(Locale.ROOT, "Glare washes out %.0f%% of the seal and the rest"
                    + " matches; photograph it again without direct light on it to check that part too.", 100 * glare),
                    alignment, clock);
        }
        if (verdict == Verdict.TAMPERED && score >= CLEAR_CHANGE) {
            // measured only for weak evidence, so intact and clearly tampered photos pay nothing for it
            double clarity = PhotoQuality.flakeClarity(photoFilled, photoOwnBand, inside)
                    / Math.max(1e-9, PhotoQuality.flakeClarity(referenceOwn, Structure.bandPass(referenceOwn, sigma), inside));
            if (clarity < MIN_RELATIVE_CLARITY) {
                return Verdicts.cannotVerify(String.format(Locale.ROOT, "The glitter is too faint or blurred in this photo to"
                        + " compare (it stands out from the noise %.0f%% as clearly as in the reference, and a small area looks"
                        + " different, score %.2f); take the photo again in brighter, even light, in focus and holding still.",
                        100 * clarity, score), alignment, clock);
            }
        }
        List<Region> regions = new ArrayList<>();
        boolean[] changed = new boolean[inside.length];
        if (verdict == Verdict.TAMPERED) {
            regions = ChangedRegions.find(cells, CELL_CHANGED, frame, changed);
        }
        List<ParticleChange> particles = verdict == Verdict.TAMPERED
                ? ParticleDiff.diff(ParticleDiff.brightSpots(referenceBand, inside), ParticleDiff.brightSpots(photoBand, inside),
                        changed, frame.width(), Math.max(1.5, 1.5 * sigma), frameToPhoto)
                : List.of();
        clock.lap("particles");
        Comparison.Evidence evidence = new Comparison.Evidence(GrayOps.toImage(referenceFrame), GrayOps.toImage(photoFrame),
                Heatmap.paint(photoFrame, cells), seal.footprint(frameToPhoto.after(frameToReference.inverse())));
        clock.lap("evidence");
        return new Comparison(verdict, score, regions, alignment, reasons(verdict, score, regions, particles),
                particles, evidence, clock.stages());
    }

    /** A photo's colour planes in the frame, band-passed at the flakes' scale as the grey image is. */
    private Gray[] colourBands(ColourPlanes planes, Homography frameToSource, FlowField flow, double sigma) {
        return new Gray[] {Structure.bandPass(Structure.filled(Warp.into(frame, planes.red(), frameToSource, flow)), sigma),
            Structure.bandPass(Structure.filled(Warp.into(frame, planes.blue(), frameToSource, flow)), sigma)};
    }

    /** The strongest group of doubtful cells that the flakes' positions confirm as change. */
    private double confirmedEvidence(CellMap cells, boolean[] core, Gray referenceBand, Gray photoBand, boolean[] inside,
                                     double radius, FlakeColour colour) {
        List<ChangeEvidence.Group> groups = ChangeEvidence.groups(cells, core);
        FlakeEvidence flakes = FlakeEvidence.of(referenceBand, photoBand, inside, cells, core, radius, colour);
        decisions.accept(new Decision(frame, cells, groups, flakes));
        if (flakes.patternDiffersAllOver()) {
            // re-applied or another seal: nothing stands out because everything differs
            return Double.POSITIVE_INFINITY;
        }
        double strongest = 0;
        for (ChangeEvidence.Group g : groups) {
            if (flakes.overwhelming(g)) {
                // flakes this clearly gone or new are a change, however faint the structure they leave
                return Double.POSITIVE_INFINITY;
            }
            if (flakes.confirms(g)) {
                strongest = Math.max(strongest, g.sum());
            }
        }
        return strongest;
    }

    /** Cells whose centre lies on the seal proper (not its margin or the case around it). */
    private boolean[] coreCells(CellMap cells, FlowField flow) {
        boolean[] core = new boolean[cells.columns() * cells.rows()];
        for (int i = 0; i < core.length; i++) {
            double x = (i % cells.columns() + 0.5) * cells.cell();
            double y = (i / cells.columns() + 0.5) * cells.cell();
            double[] d = flow.at(x, y);
            double[] r = frameToReference.map(x + d[0], y + d[1]);
            core[i] = seal.inCore(r[0], r[1]);
        }
        return core;
    }

    private static boolean[] bothSeen(Gray a, Gray b) {
        boolean[] seen = new boolean[a.data().length];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = !Float.isNaN(a.data()[i]) && !Float.isNaN(b.data()[i]);
        }
        return seen;
    }

    /** Pixels where both images have data and show the seal (the ellipse inside the region of interest). */
    private boolean[] inside(Gray referenceFrame, Gray photoFrame, FlowField flow) {
        int w = frame.width();
        boolean[] inside = new boolean[w * frame.height()];
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (Float.isNaN(referenceFrame.data()[i]) || Float.isNaN(photoFrame.data()[i])) {
                    continue;
                }
                double[] d = flow.at(x, y);
                double[] r = frameToReference.map(x + d[0], y + d[1]);
                inside[i] = seal.contains(r[0], r[1]);
            }
        }
        return inside;
    }

    private List<String> reasons(Verdict verdict, double score, List<Region> regions, List<ParticleChange> particles) {
        List<String> reasons = new ArrayList<>();
        String aligned = String.format(Locale.ROOT, "%d features aligned the reference with the photo (%.1f px RMS).",
                alignment.inliers(), alignment.rmsError());
        if (verdict == Verdict.INTACT) {
            reasons.add(String.format(Locale.ROOT,
                    "The glitter pattern matches the reference everywhere (score %.2f, threshold %.2f).", score, THRESHOLD));
            reasons.add(aligned);
            return reasons;
        }
        reasons.add(String.format(Locale.ROOT, "%d area%s of the seal differ%s from the reference (score %.2f, threshold %.2f).",
                regions.size(), regions.size() == 1 ? "" : "s", regions.size() == 1 ? "s" : "", score, THRESHOLD));
        long missing = particles.stream().filter(p -> p.kind() == ParticleChange.Kind.MISSING).count();
        long added = particles.stream().filter(p -> p.kind() == ParticleChange.Kind.ADDED).count();
        long moved = particles.stream().filter(p -> p.kind() == ParticleChange.Kind.MOVED).count();
        if (missing + added + moved > 0) {
            reasons.add(String.format(Locale.ROOT, "In those areas %d bright flake%s missing, %d new and %d moved.",
                    missing, missing == 1 ? " is" : "s are", added, moved));
        }
        reasons.add(aligned);
        return reasons;
    }
}
