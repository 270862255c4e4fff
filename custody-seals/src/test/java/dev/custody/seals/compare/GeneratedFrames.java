package dev.custody.seals.compare;

import dev.custody.seals.Alignment;
import dev.custody.seals.synth.BenchmarkPair;
import java.util.function.Consumer;

/** The diagnosis tools' way into the second half of a comparison, built as the comparator builds it. */
final class GeneratedFrames {
    private GeneratedFrames() {}

    /** {@code reference} and {@code photo} are the pair's grey pyramids: generated photos are at the working scale. */
    static FrameComparison comparison(Frame frame, Pyramid reference, Pyramid photo, BenchmarkPair pair, SealArea seal,
                                      Homography referenceToPhoto, Consumer<FrameComparison.Decision> decisions) {
        return new FrameComparison(frame, reference, ColourPlanes.of(pair.reference(), 1), seal, referenceToPhoto, photo,
                ColourPlanes.of(pair.photo(), 1), new Alignment(0, 0), new Stopwatch(stage -> { }), decisions);
    }
}
