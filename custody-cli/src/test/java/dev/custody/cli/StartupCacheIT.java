package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The start-up cache bin/custody trains after a build is really used by the commands run at boot.
 * The JVM ignores a cache silently when anything differs from the training (a flag, a system
 * property, the jar), which is how it went unused for every command once; here the packaged jar
 * is run with the launcher's own flags (bin/common.sh) plus {@code -XX:AOTMode=on}, which makes
 * the JVM refuse to start without the cache, and the class-loading log must show the command's
 * classes coming from it.
 *
 * <p>Runs after {@code package} (Maven's integration-test phase), on the jar users get.
 */
class StartupCacheIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @RegisterExtension
    final TestLab testLab = new TestLab();

    @BeforeAll
    static void trainTheCacheForThisJar() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Run trained = bash("require_jdk; if startup_cache_is_stale; then train_startup_cache; fi", List.of());
        assertThat(trained.exitCode()).as(trained.output()).isZero();
    }

    @Test
    void totpAtBootRunsFromTheCache() throws Exception {
        Path lab = testLab.create();
        CliRun sealed = CliRun.of("totp", "seal", "--machine", lab.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();

        Path classes = testLab.work().resolve("classes.log");
        Run totp = custody(classes, "totp", "--machine", lab.toString(), "--json");

        assertThat(totp.exitCode()).as(totp.output()).isZero();
        assertThat(totp.output()).containsPattern("\"code\": \"\\d{6}\"");
        assertThat(sourceOf(classes, "dev.custody.cli.attest.TotpCommand")).isEqualTo("shared objects file");
        assertThat(sourceOf(classes, "dev.custody.attest.SealedOtpSecret")).isEqualTo("shared objects file");
        // picocli's classes are too old for the cache, and its annotations cost a proxy class each:
        // a boot-time command binds its options from DirectRun's index instead.
        assertThat(sourceOf(classes, "picocli.CommandLine")).isEqualTo("not loaded");
        assertThat(sourceOf(classes, "picocli.CommandLine$Option")).isEqualTo("not loaded");
    }

    @Test
    void eachBootTimeCommandMapsTheCacheOfItsOwnGroup() throws Exception {
        Map<String, List<String>> groups = Map.of(
                "otp", List.of("totp", "--machine", "M"), "verify", List.of("boot", "verify", "--boot", "B"),
                "unlock", List.of("boot", "unlock"), "rom", List.of("rom", "inspect", "R"),
                "eventlog", List.of("eventlog", "replay", "L"), "power-on", List.of("disk-key", "unseal"));
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            Run flags = bash("custody_run_flags \"$@\"; printf '%s\\n' \"${CUSTODY_RUN_FLAGS[@]}\"", group.getValue());
            Path cache = PROJECT.resolve("custody-cli/target/custody-" + group.getKey() + ".aot");
            assertThat(flags.output()).as(group.getValue().toString()).contains("-XX:AOTCache=" + cache);
            assertThat(cache).isRegularFile();
        }

        Path log = PROJECT.resolve("testdata/corpus/eventlogs/goattest-crypto_agile_eventlog.bin");
        Path classes = testLab.work().resolve("classes.log");
        Run replay = custody(classes, "eventlog", "replay", log.toString());
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(sourceOf(classes, "dev.custody.cli.eventlog.ReplayCommand")).isEqualTo("shared objects file");
    }

    @Test
    void commandsOutsideTheBootPathAlsoMapTheCache() throws Exception {
        Path classes = testLab.work().resolve("classes.log");
        Run help = custody(classes, "tpm", "--help");

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(sourceOf(classes, "dev.custody.cli.Main")).isEqualTo("shared objects file");
    }

    /** Seal comparisons run with their own flags and both jars: their cache is recorded the same way. */
    @Test
    void sealComparisonMapsACacheOfItsOwn() throws Exception {
        Run flags = bash("custody_run_flags \"$@\"; printf '%s\\n' \"${CUSTODY_RUN_FLAGS[@]}\"", List.of("seals", "compare", "A", "B"));
        assertThat(flags.output()).contains("-XX:AOTCache=" + PROJECT.resolve("custody-cli/target/custody-photo.aot"));

        SealTrainingPhotos photos = SealTrainingPhotos.in(testLab.work());
        photos.write();
        Path classes = testLab.work().resolve("classes.log");
        Run compare = custody(classes, "seals", "compare", "--json", photos.reference().toString(), photos.moved().toString());

        assertThat(compare.exitCode()).as(compare.output()).isZero();
        assertThat(compare.output()).contains("\"verdict\": \"intact\"");
        assertThat(sourceOf(classes, "dev.custody.seals.compare.FrameComparison")).isEqualTo("shared objects file");
        assertThat(sourceOf(classes, "boofcv.alg.feature.detect.interest.FastHessianFeatureDetector"))
                .isEqualTo("shared objects file");
    }

    /** Runs the packaged jars as bin/custody does, but refusing to start without the cache. */
    private static Run custody(Path classLog, String... args) throws Exception {
        return bash("require_jdk; custody_run_flags \"$@\"; exec \"$JAVA_HOME/bin/java\" \"${CUSTODY_RUN_FLAGS[@]}\""
                + " -XX:AOTMode=on -Xlog:class+load=info:file=" + classLog + " -cp \"$CUSTODY_CLASS_PATH\" \"$CUSTODY_MAIN\" \"$@\"",
                List.of(args));
    }

    /** Where the class-loading log says {@code className} came from. */
    private static String sourceOf(Path classLog, String className) throws IOException {
        String prefix = " " + className + " source: ";
        return Files.readAllLines(classLog).stream()
                .filter(line -> line.contains(prefix))
                .map(line -> line.substring(line.indexOf(prefix) + prefix.length()))
                .findFirst()
                .orElse("not loaded");
    }

    private static Run bash(String script, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-euo", "pipefail", "-c",
                "source \"$0\"; " + script, PROJECT.resolve("bin/common.sh").toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {}
}
