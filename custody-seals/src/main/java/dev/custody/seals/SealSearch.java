package dev.custody.seals;

/**
 * Where the seal is in a reference photo, found as a comparison without a marked region finds it;
 * or why it cannot be delimited there, so that enrolment can ask for {@code --roi} at once instead
 * of every later check answering cannot-verify.
 */
public sealed interface SealSearch {
    /** The glitter-covered area and what lies under it, in the photo's pixels. */
    record Found(Region region) implements SealSearch {}

    record NotFound(Why why) implements SealSearch {}

    enum Why {
        /** No patch of glitter stands out from the rest of the photo. */
        NO_GLITTER,
        /** Glitter continues beyond the area found, so the seal's edge is not known. */
        GLITTER_BEYOND
    }
}
