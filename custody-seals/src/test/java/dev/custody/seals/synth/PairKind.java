package dev.custody.seals.synth;

/** What a benchmark pair shows: the same seal re-photographed, or one kind of tampering. */
public enum PairKind {
    GENUINE("genuine"),
    PARTICLES_REMOVED("particles-removed"),
    PARTICLES_MOVED("particles-moved"),
    SCRATCH("scratch"),
    REAPPLIED_PART("reapplied-part"),
    REAPPLIED_ALL("reapplied-all"),
    DIFFERENT_SEAL("different-seal");

    /** The tamper kinds, in the order the generator cycles through them. */
    public static final java.util.List<PairKind> TAMPERS = java.util.List.of(
            PARTICLES_REMOVED, PARTICLES_MOVED, SCRATCH, REAPPLIED_PART, REAPPLIED_ALL, DIFFERENT_SEAL);

    private final String word;

    PairKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
