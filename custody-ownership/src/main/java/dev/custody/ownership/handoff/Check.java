package dev.custody.ownership.handoff;

/** One thing receipt checks, and what came of it. */
public record Check(String name, Status status, String detail) {
    public enum Status {
        PASSED("passed"),
        FAILED("FAILED"),
        /** Could not be checked (missing input, comparator unavailable): never read as passed. */
        NOT_CHECKED("NOT CHECKED"),
        /** Not checked because the owner said so explicitly (--skip-seals). */
        SKIPPED("NOT CHECKED (skipped at your request)");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static Check passed(String name, String detail) {
        return new Check(name, Status.PASSED, detail);
    }

    public static Check failed(String name, String detail) {
        return new Check(name, Status.FAILED, detail);
    }

    public static Check notChecked(String name, String detail) {
        return new Check(name, Status.NOT_CHECKED, detail);
    }
}
