package dev.custody.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Standard output as picocli's {@code CommandLine.getOut()} gives it (same encoding), for commands
 * that must not need picocli's model at run time (see {@link DirectRun}).
 */
public final class StandardOutput {
    private StandardOutput() {}

    public static PrintWriter writer() {
        String encoding = System.getProperty("sun.stdout.encoding");
        Charset charset = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, charset)), true);
    }
}
