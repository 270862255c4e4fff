package dev.custody.cli.docs;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.docs.CompletionCommand#shell" -> ((dev.custody.cli.docs.CompletionCommand) target).shell = (dev.custody.cli.docs.Shell) value;
            case "dev.custody.cli.docs.ManpagesCommand#directory" -> ((dev.custody.cli.docs.ManpagesCommand) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.docs.ManpagesCommand#quiet" -> ((dev.custody.cli.docs.ManpagesCommand) target).quiet = (java.lang.Boolean) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
