package dev.custody.cli.eventlog;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.eventlog.Output#json" -> {
                var owner = (dev.custody.cli.eventlog.Output) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.eventlog.ReplayCommand#output" -> {
                var owner = (dev.custody.cli.eventlog.ReplayCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.eventlog.Output());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    @SuppressWarnings("unchecked")
    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.eventlog.ReplayCommand#allPcrs" -> ((dev.custody.cli.eventlog.ReplayCommand) target).allPcrs = (java.lang.Boolean) value;
            case "dev.custody.cli.eventlog.ReplayCommand#files" -> ((dev.custody.cli.eventlog.ReplayCommand) target).files = (java.util.List<java.lang.String>) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
