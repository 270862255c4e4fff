package dev.custody.cli;

import java.util.OptionalInt;

/** Entry point of the {@code custody} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; tests call this directly. */
    public static int run(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // picocli's model of even the bare top-level command costs more than the rest of a start-up.
            System.out.println(String.join(System.lineSeparator(), new CustodyVersion().getVersion()));
            return 0;
        }
        OptionalInt direct = DirectRun.run(args);
        return direct.isPresent() ? direct.getAsInt() : PicocliRun.execute(args);
    }
}
