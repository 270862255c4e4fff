package dev.custody.cli.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventlogCommandTest {
    private static final Path CORPUS = Path.of("../testdata/corpus/eventlogs").toAbsolutePath().normalize();
    private static final String UEFIVAR = corpus("tpm2tools-event-uefivar.bin");

    @Test
    void replayJsonForOneFileIsTheDocumentedObject() {
        CliRun result = CliRun.of("eventlog", "replay", "--json", UEFIVAR);
        assertThat(result.exitCode()).isZero();
        Map<?, ?> root = (Map<?, ?>) json(result.out());
        assertThat(keys(root)).containsExactly("pcrs", "warnings");
        assertThat(root.get("pcrs")).isEqualTo(Map.of(
                "sha1", Map.of("7", "3a1ea200b8fafe60c290e903c5e6443cfef67f04"),
                "sha256", Map.of("7", "e58ada1ba75f2e4722b539824598ad5e10c55f2e4aeab2033f3b0a8ee3f3eca6")));
        assertThat(keys((Map<?, ?>) root.get("pcrs"))).containsExactly("sha1", "sha256");
        assertThat(root.get("warnings")).isEqualTo(List.of("the log header announces sha384, sha512 but no event"
                + " carries such digests; those banks cannot be replayed"));
    }

    @Test
    void replayJsonForSeveralFilesIsAnArrayNamingEachFile() {
        String other = corpus("goattest-short_no_action_eventlog.bin");
        CliRun result = CliRun.of("eventlog", "replay", "--json", UEFIVAR, other);
        assertThat(result.exitCode()).isZero();
        List<?> array = (List<?>) json(result.out());
        assertThat(array).hasSize(2);
        Map<?, ?> second = (Map<?, ?>) array.get(1);
        assertThat(keys(second)).containsExactly("file", "pcrs", "warnings");
        assertThat(second.get("file")).isEqualTo(other);
        assertThat(second.get("pcrs")).isEqualTo(Map.of("sha1", Map.of("0", "0000000000000000000000000000000000000003")));
    }

    @Test
    void checkAgainstAPcrFileMatchesAndMismatches(@TempDir Path dir) throws IOException {
        String log = corpus("hirs-TpmLog.bin");
        Path pcrs = dir.resolve("pcrs.json");
        Files.writeString(pcrs, CliRun.of("eventlog", "replay", "--json", log).out());
        CliRun good = CliRun.of("eventlog", "check", log, "--pcrs", pcrs.toString());
        assertThat(good.exitCode()).isZero();
        assertThat(good.out()).contains("result: every PCR the log touches matches (8 PCRs)");

        Files.writeString(pcrs, Files.readString(pcrs).replaceFirst("(\"4\":\\s*\")c9", "$1d9"));
        CliRun bad = CliRun.of("eventlog", "check", log, "--pcrs", pcrs.toString(), "--json");
        assertThat(bad.exitCode()).isEqualTo(1);
        Map<?, ?> report = (Map<?, ?>) json(bad.out());
        assertThat(report.get("result")).isEqualTo("mismatch");
        assertThat((List<?>) report.get("pcrs")).filteredOn(p -> ((Map<?, ?>) p).get("pcr").equals("4"))
                .singleElement().satisfies(p -> assertThat(((Map<?, ?>) p).get("verdict")).isEqualTo("mismatch"));
    }

    @Test
    void showJsonListsEventsAndTheDigestMismatch() {
        CliRun result = CliRun.of("eventlog", "show", "--json", corpus("tpm2tools-event-arch-linux.bin"));
        assertThat(result.exitCode()).isZero();
        Map<?, ?> root = (Map<?, ?>) json(result.out());
        assertThat(keys(root)).containsExactly("file", "format", "banks", "events", "digestMismatches", "notes");
        assertThat(root.get("format")).isEqualTo("crypto-agile");
        Map<?, ?> event = (Map<?, ?>) ((List<?>) root.get("events")).get(22);
        assertThat(keys(event)).containsExactly("index", "offset", "pcr", "type", "typeCode", "digests", "description", "data");
        assertThat(event.get("pcr")).isEqualTo("4");
        assertThat((String) event.get("description")).startsWith("boot application \\EFI\\SYSTEMD\\SYSTEMD-BOOTX64.EFI");
        assertThat((List<?>) root.get("digestMismatches")).singleElement()
                .satisfies(m -> assertThat(((Map<?, ?>) m).get("event")).isEqualTo(24));
    }

    @Test
    void diffNamesWhatChanged() {
        CliRun result = CliRun.of("eventlog", "diff", "--json", corpus("goattest-sb_cert_eventlog.bin"),
                corpus("goattest-coreos_36_shielded_vm_no_secure_boot_eventlog.bin"));
        assertThat(result.exitCode()).isZero();
        Map<?, ?> root = (Map<?, ?>) json(result.out());
        assertThat(root.get("bank")).isEqualTo("sha256");
        assertThat(root.get("identical")).isEqualTo(false);
        assertThat(CliRun.of("eventlog", "diff", UEFIVAR, UEFIVAR).out()).isEqualTo("no differences (sha256 bank)\n");
    }

    @Test
    void everyTruncationGivesOneLineAndAnExitCode(@TempDir Path dir) throws IOException {
        byte[] log = Files.readAllBytes(Path.of(UEFIVAR));
        Path file = dir.resolve("cut.bin");
        for (int length = 0; length < log.length; length++) {
            Files.write(file, Arrays.copyOf(log, length));
            CliRun result = CliRun.of("eventlog", "replay", file.toString());
            if (result.exitCode() != 0) {
                assertOneLineError(result, "cut at " + length);
            }
        }
    }

    @Test
    void randomBytesEmptyAndTextFilesGiveOneLineErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("input");
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(600)];
            random.nextBytes(data);
            Files.write(file, data);
            CliRun result = CliRun.of("eventlog", "show", file.toString());
            if (result.exitCode() != 0) {
                assertOneLineError(result, "random input " + i);
            }
        }
        Files.write(file, new byte[0]);
        assertThat(CliRun.of("eventlog", "show", file.toString()).err()).isEqualTo("custody: " + file + ": empty input: not a measurement log\n");
        Files.writeString(file, "hello\n");
        CliRun text = CliRun.of("eventlog", "check", file.toString(), "--pcrs", file.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).isEqualTo("custody: " + file + ": not a measurement log: this is text, and not the output of cbmem -L\n");
    }

    @Test
    void dashReadsTheLogFromStandardInput() throws IOException {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(Path.of(UEFIVAR))));
            CliRun result = CliRun.of("eventlog", "replay", "-");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("7: e58ada1ba75f2e4722b539824598ad5e10c55f2e4aeab2033f3b0a8ee3f3eca6");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void badPcrFileIsNamed(@TempDir Path dir) throws IOException {
        Path pcrs = dir.resolve("pcrs.json");
        Files.writeString(pcrs, "{\"sha256\": {\"7\": \"abc\"}}");
        CliRun result = CliRun.of("eventlog", "check", UEFIVAR, "--pcrs", pcrs.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("custody: " + pcrs + ": PCR file: sha256 PCR \"7\": expected 64 hex digits\n");
    }

    private static String corpus(String name) {
        return CORPUS.resolve(name).toString();
    }

    private static List<String> keys(Map<?, ?> map) {
        return map.keySet().stream().map(String::valueOf).toList();
    }

    private static void assertOneLineError(CliRun result, String what) {
        assertThat(result.exitCode()).as(what).isEqualTo(1);
        assertThat(result.err()).as(what).startsWith("custody: ").endsWith("\n").doesNotContain("internal error");
        assertThat(result.err().strip().lines()).as(what).hasSize(1);
    }

    private static Object json(String text) {
        try {
            return new ObjectMapper().readValue(text, Object.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
