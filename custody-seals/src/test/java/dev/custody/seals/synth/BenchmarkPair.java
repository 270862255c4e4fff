package dev.custody.seals.synth;

import dev.custody.seals.Region;
import java.awt.image.BufferedImage;

/**
 * A reference photo and a later photo of a synthetic seal, with the truth about them.
 *
 * @param referenceRoi where the seal is in the reference (what an owner marks at enrolment)
 * @param changed white where the seal was changed, in the later photo's pixels; all black for genuine pairs
 */
public record BenchmarkPair(int index, PairKind kind, SealShape shape, BufferedImage reference, Region referenceRoi,
                            BufferedImage photo, BufferedImage changed) {

    public boolean tampered() {
        return kind != PairKind.GENUINE;
    }
}
