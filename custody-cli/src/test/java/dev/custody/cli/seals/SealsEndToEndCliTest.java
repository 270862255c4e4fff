package dev.custody.cli.seals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CliRun;
import dev.custody.seals.Region;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.PairKind;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrol, check and compare through the custody command with the real comparator, on synthetic
 * seals from the benchmark generator: a re-photographed genuine seal and a re-applied one.
 */
class SealsEndToEndCliTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final TemporaryHome home = new TemporaryHome();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path key;
    private static Path publicKey;
    private static Path passphrase;
    private static Path store;
    private static Photos genuine;
    private static Photos tampered;

    record Photos(Path reference, Region roi, Path photo) {}

    @BeforeAll
    static void keyAndPhotos() throws Exception {
        passphrase = Files.writeString(dir.resolve("passphrase"), "owner passphrase");
        key = dir.resolve("key.asc");
        publicKey = dir.resolve("key.pub.asc");
        assertThat(CliRun.of("key", "generate", "--uid", "Seal Owner <o@example.org>", "--algorithm", "ED25519",
                "--out", key.toString(), "--public", publicKey.toString(), "--passphrase-file", passphrase.toString())
                .exitCode()).isZero();
        store = dir.resolve("store");
        BenchmarkGenerator generator = new BenchmarkGenerator(7, 640, 480);
        genuine = write("genuine", generator.genuine(1));
        tampered = write("tampered", generator.pair(1, PairKind.PARTICLES_REMOVED));
    }

    private static Photos write(String name, BenchmarkPair pair) throws Exception {
        Path reference = dir.resolve(name + "-ref.png");
        Path photo = dir.resolve(name + "-new.jpg");
        ImageIO.write(pair.reference(), "png", reference.toFile());
        ImageIO.write(pair.photo(), "jpeg", photo.toFile());
        return new Photos(reference, pair.referenceRoi(), photo);
    }

    @Test
    void enrollThenCheckGenuineAndTamperedSeals() throws Exception {
        enroll("genuine-screw", genuine);
        enroll("tampered-screw", tampered);

        Path report = dir.resolve("check.html");
        Path heatmap = dir.resolve("check.png");
        CliRun intact = CliRun.of("seals", "check", "--name", "genuine-screw", "--store", store.toString(), "--keyring",
                publicKey.toString(), "--json", "--report", report.toString(), "--heatmap", heatmap.toString(),
                genuine.photo().toString());
        JsonNode json = assertJsonShape(intact);
        assertThat(intact.exitCode()).as(intact.out() + intact.err()).isEqualTo(ComparisonOutput.INTACT);
        assertThat(json.get("verdict").asText()).isEqualTo("intact");
        assertThat(json.get("reference").get("name").asText()).isEqualTo("genuine-screw");
        assertThat(json.get("reference").get("trustedBy").asText()).contains(publicKey.toString());
        assertThat(intact.err()).contains("Report: " + report).contains("Heat map: " + heatmap);
        assertThat(Files.readString(report)).contains("data-verdict=\"intact\"").contains("blink-toggle");
        BufferedImage heat = ImageIO.read(heatmap.toFile());
        assertThat(heat.getWidth()).isPositive();

        CliRun changed = CliRun.of("seals", "check", "--name", "tampered-screw", "--store", store.toString(),
                "--keyring", publicKey.toString(), tampered.photo().toString());
        assertThat(changed.exitCode()).as(changed.out() + changed.err()).isEqualTo(ComparisonOutput.TAMPERED);
        assertThat(changed.out()).startsWith("TAMPERED: the seal differs from its reference")
                .contains("Reference: seal tampered-screw");

        // The contract's plain form: the key file this user enrolled with is trusted without --keyring.
        CliRun plain = CliRun.of("seals", "check", "--name", "genuine-screw", "--store", store.toString(),
                "--gpg-home", dir.resolve("no-gnupg").toString(), genuine.photo().toString());
        assertThat(plain.exitCode()).as(plain.out() + plain.err()).isEqualTo(ComparisonOutput.INTACT);
        assertThat(plain.out()).contains("the key files you enrolled seals with");
    }

    @Test
    void compareWritesJsonReportAndHeatmap() throws Exception {
        Path report = dir.resolve("compare.html");
        Path heatmap = dir.resolve("compare.png");
        String roi = roi(tampered.roi());
        CliRun run = CliRun.of("seals", "compare", "--roi", roi, "--json", "--report", report.toString(), "--heatmap",
                heatmap.toString(), tampered.reference().toString(), tampered.photo().toString());
        JsonNode json = assertJsonShape(run);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ComparisonOutput.TAMPERED);
        assertThat(json.get("verdict").asText()).isEqualTo("tampered");
        assertThat(json.get("regions")).isNotEmpty();
        assertThat(report).content().contains("data-verdict=\"tampered\"").contains("<rect class=\"region\"");
        assertThat(heatmap).exists();

        CliRun same = CliRun.of("seals", "compare", "--roi", roi(genuine.roi()), genuine.reference().toString(),
                genuine.photo().toString());
        assertThat(same.exitCode()).as(same.out() + same.err()).isEqualTo(ComparisonOutput.INTACT);
        assertThat(same.out()).startsWith("INTACT: the seal matches its reference");
    }

    /** On a terminal (a pty from util-linux' script) stderr says what runs, from decoding the photos on. */
    @Test
    void onATerminalEachStepIsShown() throws Exception {
        TerminalRun run = TerminalRun.of("", "seals", "compare", "--roi", roi(genuine.roi()), genuine.reference().toString(),
                genuine.photo().toString());
        String screen = run.screen();

        assertThat(run.exitCode()).as(screen).isEqualTo(ComparisonOutput.INTACT);
        assertThat(screen).contains("Reading the photos...")
                .contains("Comparing the photos (1/7): finding the seal in the reference...")
                .contains("Comparing the photos (7/7): drawing the evidence...")
                .contains("INTACT: the seal matches its reference");
        assertThat(screen.indexOf("Reading the photos")).as(screen).isLessThan(screen.indexOf("Comparing the photos"));
    }

    @Test
    void labMachineKeepsSealsInItsStateAndTrustsItsFirmwareKeyring() throws Exception {
        Path lab = dir.resolve("lab");
        try {
            CliRun created = CliRun.of("lab", "create", lab.toString());
            assertThat(created.exitCode()).as(created.err()).isZero();
            // Before the owner's key is in the firmware there is nothing to trust.
            CliRun enrolled = CliRun.of("seals", "enroll", "--name", "lab-screw", "--roi", roi(genuine.roi()),
                    "--machine", lab.toString(), "--key", key.toString(), "--passphrase-file", passphrase.toString(),
                    genuine.reference().toString());
            assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
            assertThat(lab.resolve("state/seals/lab-screw/seal.json")).exists();
            CliRun untrusted = CliRun.of("seals", "check", "--name", "lab-screw", "--machine", lab.toString(),
                    genuine.photo().toString());
            assertThat(untrusted.exitCode()).isEqualTo(1);
            assertThat(untrusted.err()).contains("holds no owner keyring");

            dev.custody.machine.lab.LabKeys.installPublicKey(new dev.custody.machine.LabMachine(lab), publicKey);
            CliRun check = CliRun.of("seals", "check", "--name", "lab-screw", "--machine", lab.toString(), "--json",
                    genuine.photo().toString());
            assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(ComparisonOutput.INTACT);
            assertThat(MAPPER.readTree(check.out()).get("reference").get("trustedBy").asText())
                    .contains("firmware");

            Files.copy(tampered.reference(), lab.resolve("state/seals/lab-screw/reference.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            CliRun swapped = CliRun.of("seals", "check", "--name", "lab-screw", "--machine", lab.toString(),
                    genuine.photo().toString());
            assertThat(swapped.exitCode()).isEqualTo(CheckCommand.REFERENCE_REFUSED);
        } finally {
            CliRun.of("lab", "stop", lab.toString());
        }
    }

    @Test
    void gnupgKeyringTrustsOnlyTheUsersOwnKeys() throws Exception {
        Path gnupg = Files.createTempDirectory("seal-gnupg");
        try {
            Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            run("gpg", "--homedir", gnupg.toString(), "--batch", "--passphrase", "", "--quick-gen-key",
                    "Gpg Owner <gpg@example.org>", "ed25519", "sign", "never");
            Path gpgStore = dir.resolve("gpg-store");
            // No --key: GnuPG's default secret key signs.
            CliRun enrolled = CliRun.of("seals", "enroll", "--name", "mine", "--roi", roi(genuine.roi()), "--store",
                    gpgStore.toString(), "--gpg-home", gnupg.toString(), genuine.reference().toString());
            assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
            CliRun mine = CliRun.of("seals", "check", "--name", "mine", "--store", gpgStore.toString(), "--gpg-home",
                    gnupg.toString(), genuine.photo().toString());
            assertThat(mine.exitCode()).as(mine.out() + mine.err()).isEqualTo(ComparisonOutput.INTACT);
            assertThat(mine.out()).contains("trusted through your own keys (GnuPG in " + gnupg);

            // Someone else's public key in the keyring does not make their references trusted.
            run("gpg", "--homedir", gnupg.toString(), "--batch", "--quiet", "--import", publicKey.toString());
            // Their reference is made elsewhere and put into the store: this user never enrolled with that key.
            home.asSomeoneElse(() -> {
                CliRun theirs = CliRun.of("seals", "enroll", "--name", "theirs", "--roi", roi(genuine.roi()), "--store",
                        gpgStore.toString(), "--key", key.toString(), "--passphrase-file", passphrase.toString(),
                        genuine.reference().toString());
                assertThat(theirs.exitCode()).as(theirs.err()).isZero();
            });
            CliRun refused = CliRun.of("seals", "check", "--name", "theirs", "--store", gpgStore.toString(),
                    "--gpg-home", gnupg.toString(), genuine.photo().toString());
            assertThat(refused.exitCode()).isEqualTo(CheckCommand.REFERENCE_REFUSED);
            assertThat(refused.err()).contains("not one of your own keys").contains("--keyring FILE");
        } finally {
            run("gpgconf", "--homedir", gnupg.toString(), "--kill", "all");
            try (var paths = Files.walk(gnupg)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static void enroll(String name, Photos photos) {
        CliRun enrolled = CliRun.of("seals", "enroll", "--name", name, "--roi", roi(photos.roi()), "--store",
                store.toString(), "--key", key.toString(), "--passphrase-file", passphrase.toString(),
                photos.reference().toString());
        assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
    }

    private static String roi(Region r) {
        return r.x() + "," + r.y() + "," + r.w() + "," + r.h();
    }

    /** The documented JSON: verdict, score, regions, alignment, reasons (plus particles and stages). */
    private static JsonNode assertJsonShape(CliRun run) throws Exception {
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(fieldNames(json)).startsWith("verdict", "score", "regions", "alignment", "reasons", "particles",
                "stages");
        assertThat(json.get("verdict").asText()).isIn("intact", "tampered", "cannot-verify");
        assertThat(json.get("score").asDouble()).isBetween(0.0, 1.0);
        for (JsonNode region : json.get("regions")) {
            assertThat(fieldNames(region)).containsExactly("x", "y", "w", "h");
        }
        assertThat(fieldNames(json.get("alignment"))).containsExactly("inliers", "rmsError");
        assertThat(json.get("alignment").get("inliers").isInt()).isTrue();
        assertThat(json.get("reasons").isArray()).isTrue();
        return json;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
