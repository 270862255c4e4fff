package dev.custody.seals.synth;

import dev.custody.seals.Verdict;

/** What the comparator said about one benchmark pair. */
public record Outcome(int index, PairKind kind, SealShape shape, Verdict verdict, double score, boolean regionOnChange, String reason) {

    /** Not intact: tampered or cannot-verify (both stop the owner from trusting the seal). */
    public boolean flagged() {
        return verdict != Verdict.INTACT;
    }
}
