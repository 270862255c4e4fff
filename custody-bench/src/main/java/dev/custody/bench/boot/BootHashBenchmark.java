package dev.custody.bench.boot;

import dev.custody.boot.manifest.BootFiles;
import dev.custody.boot.manifest.FileHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hashing a ~190 MB /boot (the sizes of bench/boot-verify.sh) in-process, warm page cache: one
 * file per core, largest first (what boot verify does) against one file after another.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BootHashBenchmark {
    private static final long[] SIZES = {1_300_000, 12_000_000, 11_500_000, 82_000_000, 78_000_000, 2_400_000, 4_500_000};

    private Path boot;
    private List<String> files;

    @Setup(Level.Trial)
    public void createBoot() throws IOException {
        boot = Files.createTempDirectory("bench-boot");
        SplittableRandom random = new SplittableRandom(5);
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < SIZES.length; i++) {
            try (OutputStream out = Files.newOutputStream(boot.resolve("file" + i))) {
                for (long left = SIZES[i]; left > 0; left -= block.length) {
                    random.nextBytes(block);
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            }
        }
        files = BootFiles.regularFiles(boot);
    }

    @TearDown(Level.Trial)
    public void deleteBoot() throws IOException {
        try (Stream<Path> walk = Files.walk(boot)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Object parallel() {
        return FileHasher.hash(boot, files);
    }

    @Benchmark
    public Object oneAfterAnother() {
        List<Optional<byte[]>> digests = new ArrayList<>();
        for (String file : files) {
            digests.add(FileHasher.hashOne(boot.resolve(file.substring(2))));
        }
        return digests;
    }
}
