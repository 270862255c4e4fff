package dev.custody.firmware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's coreboot-utils (cbfstool, fmaptool, ifdtool) and flashrom for the tests. */
public final class CorebootTools {
    public record Result(int exitCode, String stdout, String stderr) {}

    private CorebootTools() {}

    /** Runs the command in {@code directory} and fails the test unless it exits 0. */
    public static String run(Path directory, String... command) {
        Result result = tryRun(directory, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.stderr());
        }
        return result.stdout();
    }

    public static Result tryRun(Path directory, String... command) {
        try {
            Path err = directory.resolve(".stderr");
            Path out = directory.resolve(".stdout");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.ISO_8859_1),
                    java.nio.file.Files.readString(err, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** One line of {@code cbfstool print -k}: what cbfstool sees in a CBFS. */
    public record Listed(String name, int offset, String type, int size, String compression, int decompressedSize) {}

    public static List<Listed> cbfsListing(Path directory, Path image, String region) {
        List<Listed> files = new ArrayList<>();
        String output = run(directory, "cbfstool", image.toString(), "print", "-k", "-v", "-r", region);
        for (String line : output.lines().toList()) {
            String[] f = line.split("\t");
            if (f.length < 6 || f[0].equals("Name")) {
                continue;
            }
            int size = Integer.decode(f[4]);
            String compression = "none";
            int decompressed = size;
            for (int i = 6; i < f.length; i++) {
                if (f[i].startsWith("comp:")) {
                    String[] c = f[i].split(":");
                    compression = c[1].toLowerCase(java.util.Locale.ROOT);
                    decompressed = Integer.decode(c[2]);
                }
            }
            files.add(new Listed(f[0], Integer.decode(f[1]), f[2], size, compression, decompressed));
        }
        return files;
    }
}
