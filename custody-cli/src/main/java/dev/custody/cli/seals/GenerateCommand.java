package dev.custody.cli.seals;

import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write synthetic seal photo pairs for benchmarks and tests (not real seals).",
            "Each pair is a reference photo and a later photo of a glitter-polish seal over a screw; genuine",
            "pairs differ only by camera, light, sparkle, blur, noise and JPEG, tampered ones also by removed",
            "or moved flakes, a scratch, re-applied polish or a different seal. OUT gets NAME-reference.jpg,",
            "NAME-photo.jpg, NAME-changed.png (the ground truth, white where changed) and index.json.",
            "The same seed and size always give the same pairs."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the pairs into.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--genuine", defaultValue = "10", paramLabel = "N", description = "Genuine pairs (default: ${DEFAULT-VALUE}).")
    int genuine;

    @Option(names = "--tampered", defaultValue = "10", paramLabel = "N",
            description = "Tampered pairs, cycling through the kinds of tampering (default: ${DEFAULT-VALUE}).")
    int tampered;

    @Option(names = "--size", defaultValue = "800x600", paramLabel = "WxH",
            description = "Photo size in pixels, e.g. 4000x3000 for 12 megapixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Override
    public Integer call() {
        if (genuine < 0 || tampered < 0) {
            throw new IllegalArgumentException("--genuine and --tampered must not be negative");
        }
        String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
        int width;
        int height;
        try {
            width = Integer.parseInt(parts[0].strip());
            height = Integer.parseInt(parts[parts.length - 1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size: '" + size + "' is not a size; write WIDTHxHEIGHT, e.g. 800x600");
        }
        if (parts.length != 2 || width < 1 || height < 1 || width > 12_000 || height > 12_000) {
            throw new IllegalArgumentException("--size: '" + size + "' is not a usable size; write WIDTHxHEIGHT up to 12000x12000");
        }
        BenchmarkWriter.write(out, new BenchmarkGenerator(seed, width, height), genuine, tampered);
        System.out.println("Wrote " + (genuine + tampered) + " pairs and index.json to " + out + ".");
        return 0;
    }
}
