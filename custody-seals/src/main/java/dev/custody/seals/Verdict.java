package dev.custody.seals;

/** The outcome of comparing a seal photo with its reference. Only {@link #INTACT} is good news. */
public enum Verdict {
    INTACT("intact"),
    TAMPERED("tampered"),
    /** Blur, darkness, too few matched features, the wrong object: never to be read as intact. */
    CANNOT_VERIFY("cannot-verify");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** The word used in JSON and in messages. */
    public String word() {
        return word;
    }
}
