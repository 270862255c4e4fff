package dev.custody.bench.firmware;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.Sha256;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.inventory.BlobInventory;
import dev.custody.firmware.inventory.Findings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process cost of reading a 16 MiB image (descriptor, FMAP, CBFS with 60 files) built by
 * bench/firmware-image.sh: parsing alone, everything {@code rom inspect} computes, and, as the
 * floor, SHA-256 over exactly the bytes inspect hashes (every CBFS file's data and the ME region).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FirmwareParseBenchmark {
    private static final Path IMAGE = Path.of("custody-bench/target/bench16.rom");

    private byte[] bytes;
    private byte[][] hashedSpans;

    @Setup(Level.Trial)
    public void buildImage() throws IOException, InterruptedException {
        if (!Files.exists(IMAGE)) {
            Process build = new ProcessBuilder("bench/firmware-image.sh", IMAGE.toString()).inheritIO().start();
            if (build.waitFor() != 0) {
                throw new IllegalStateException("bench/firmware-image.sh failed; is coreboot-utils installed?");
            }
        }
        bytes = Files.readAllBytes(IMAGE);
        FirmwareImage image = FirmwareImage.parse(bytes);
        Cbfs cbfs = image.cbfs().getFirst();
        var me = image.ifd().orElseThrow().regions().get(2);
        hashedSpans = java.util.stream.Stream.concat(cbfs.files().stream().map(CbfsFile::data),
                java.util.stream.Stream.of(java.util.Arrays.copyOfRange(bytes, me.base(), me.limit() + 1))).toArray(byte[][]::new);
    }

    @Benchmark
    public FirmwareImage parse() {
        return FirmwareImage.parse(bytes);
    }

    @Benchmark
    public int inspect() {
        FirmwareImage image = FirmwareImage.parse(bytes);
        int hashed = 0;
        for (Cbfs cbfs : image.cbfs()) {
            for (CbfsFile file : cbfs.files()) {
                hashed += Sha256.of(file.data())[0];
            }
        }
        return hashed + BlobInventory.of(image).size() + Findings.of(image).size();
    }

    @Benchmark
    public int sha256OfTheHashedBytes() {
        MessageDigest digest = Sha256.newDigest();
        int hashed = 0;
        for (byte[] span : hashedSpans) {
            hashed += digest.digest(span)[0];
        }
        return hashed;
    }
}
