package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test against Debian's tpm2_eventlog (tpm2-tools): for every crypto-agile log in the
 * corpus, Custody's replay equals the "pcrs:" section tpm2_eventlog prints.
 */
class Tpm2EventlogDifferentialTest {
    private static final Pattern BANK = Pattern.compile("^  (\\w+):$");
    private static final Pattern VALUE = Pattern.compile("^    (\\d+)\\s*: 0x([0-9a-f]+)$");

    @TestFactory
    Stream<DynamicTest> replayEqualsTpm2Eventlog() throws IOException {
        List<Path> agile = Corpus.logs().stream().filter(Tpm2EventlogDifferentialTest::isCryptoAgile).toList();
        assertThat(agile).hasSizeGreaterThanOrEqualTo(12);
        return agile.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Map<String, Map<Integer, String>> reference = tpm2Eventlog(file);
            assertThat(reference).as("tpm2_eventlog printed PCRs").isNotEmpty();
            assertThat(custody(file)).isEqualTo(reference);
        }));
    }

    private static boolean isCryptoAgile(Path file) {
        try {
            return EventLogs.read(file).format() == LogFormat.CRYPTO_AGILE;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Map<Integer, String>> custody(Path file) throws IOException {
        Map<String, Map<Integer, String>> banks = new TreeMap<>();
        Replayer.replay(EventLogs.read(file)).pcrs().forEach((bank, values) -> {
            Map<Integer, String> hex = new TreeMap<>();
            values.forEach((pcr, value) -> hex.put(pcr, value.hex()));
            banks.put(bank.bankName(), hex);
        });
        return banks;
    }

    static Map<String, Map<Integer, String>> tpm2Eventlog(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tpm2_eventlog", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tpm2_eventlog finished").isTrue();
            assertThat(process.exitValue()).as("tpm2_eventlog exit code").isZero();
            return pcrsSection(output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Map<String, Map<Integer, String>> pcrsSection(String yaml) {
        Map<String, Map<Integer, String>> banks = new TreeMap<>();
        Map<Integer, String> current = null;
        boolean inPcrs = false;
        for (String line : yaml.lines().toList()) {
            if (line.equals("pcrs:")) {
                inPcrs = true;
                continue;
            }
            Matcher bank = BANK.matcher(line);
            Matcher value = VALUE.matcher(line);
            if (inPcrs && bank.matches()) {
                current = banks.computeIfAbsent(bank.group(1), b -> new TreeMap<>());
            } else if (inPcrs && value.matches() && current != null) {
                current.put(Integer.parseInt(value.group(1)), value.group(2));
            }
        }
        return banks;
    }
}
