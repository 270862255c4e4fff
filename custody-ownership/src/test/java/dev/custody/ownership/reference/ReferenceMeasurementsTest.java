package dev.custody.ownership.reference;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.Secret;
import dev.custody.machine.HostMachine;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceMeasurementsTest {
    private static final String ZERO = "0".repeat(64);
    private static final String ONES = "1".repeat(64);

    private final ReferenceMeasurements reference = new ReferenceMeasurements("custody-lab", ONES, "2".repeat(64),
            List.of(new ReferenceMeasurements.BlobEntry("MICROCODE", "CBFS COREBOOT/cpu_microcode_blob.bin", "3".repeat(64))),
            new ReferenceMeasurements.BootReference("4".repeat(64), "5".repeat(64), Optional.of("ABCD".repeat(10))),
            new TreeMap<>(Map.of(0, ZERO, 2, "6".repeat(64), 7, "7".repeat(64))), List.of(0, 1, 2, 3, 4, 7), PcrBank.SHA256);

    @Test
    void savesAndLoadsEveryField(@TempDir Path dir) {
        Path file = dir.resolve("reference.json");
        reference.save(file);
        assertThat(ReferenceMeasurements.load(file)).isEqualTo(reference);
        assertThat(reference.differences(ReferenceMeasurements.load(file))).isEmpty();
    }

    @Test
    void keepsTheSha1BankOfATpm12(@TempDir Path dir) {
        String sha1Zero = "0".repeat(40);
        ReferenceMeasurements tpm12 = new ReferenceMeasurements("x230", ONES, "2".repeat(64), List.of(), reference.boot(),
                new TreeMap<>(Map.of(0, sha1Zero, 2, "6".repeat(40))), List.of(0, 1, 2, 3, 4, 7), PcrBank.SHA1);
        Path file = dir.resolve("reference.json");
        tpm12.save(file);
        assertThat(file).content().contains("\"bank\" : \"sha1\"");
        assertThat(ReferenceMeasurements.load(file)).isEqualTo(tpm12);
        ObjectNode sha256ValuesNamedSha1 = reference.toJson();
        ((ObjectNode) sha256ValuesNamedSha1.get("pcrs")).put("bank", "sha1");
        assertThatThrownBy(() -> ReferenceMeasurements.fromJson(sha256ValuesNamedSha1)).hasMessageContaining("not 40 hex digits");
    }

    @Test
    void namesEachDifference() {
        ReferenceMeasurements other = new ReferenceMeasurements("custody-lab", ZERO, "8".repeat(64), List.of(),
                new ReferenceMeasurements.BootReference("9".repeat(64), "5".repeat(64), Optional.empty()),
                new TreeMap<>(Map.of(0, ZERO, 2, ZERO, 7, "7".repeat(64))), List.of(0, 1, 2, 3, 4, 7), PcrBank.SHA256);
        assertThat(reference.differences(other)).anySatisfy(d -> assertThat(d).contains("endorsement key"))
                .anySatisfy(d -> assertThat(d).contains("firmware image differs"))
                .anySatisfy(d -> assertThat(d).contains("binary blobs differ"))
                .anySatisfy(d -> assertThat(d).contains("PCR 2"))
                .anySatisfy(d -> assertThat(d).contains("kexec*.txt"))
                .anySatisfy(d -> assertThat(d).contains("signed by no key the firmware knows"))
                .noneSatisfy(d -> assertThat(d).contains("PCR 7"));
    }

    @Test
    void refusesDamagedFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reference.json");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> ReferenceMeasurements.load(file))
                .hasMessageStartingWith(file + ": not readable JSON reference measurements (not valid JSON");
        Files.writeString(file, new String(new ObjectMapper().writeValueAsBytes(reference.toJson()), UTF_8)
                .replaceFirst("\\{", "{\"board\":\"other\","));
        assertThatThrownBy(() -> ReferenceMeasurements.load(file))
                .hasMessageStartingWith(file + ": not readable JSON reference measurements (not valid JSON (Duplicate field 'board'");
        var node = reference.toJson();
        ((ObjectNode) node.get("pcrs")).remove("expected");
        Files.write(file, new ObjectMapper().writeValueAsBytes(node));
        assertThatThrownBy(() -> ReferenceMeasurements.load(file)).hasMessageContaining("expected PCR values");
        ((ObjectNode) node.get("pcrs")).putObject("expected");
        Files.write(file, new ObjectMapper().writeValueAsBytes(node));
        assertThatThrownBy(() -> ReferenceMeasurements.load(file)).hasMessage(file + ": the reference measurements expect no PCR values");
        node = reference.toJson();
        node.put("endorsementKeySha256", "xyz");
        Files.write(file, new ObjectMapper().writeValueAsBytes(node));
        assertThatThrownBy(() -> ReferenceMeasurements.load(file))
                .hasMessage(file + ": the reference measurements hold a digest that is not 64 hex digits");
        Files.delete(file);
        assertThatThrownBy(() -> ReferenceMeasurements.load(file)).hasMessage(file + ": cannot be read (no such file)");
    }

    @Test
    void refusesATotpPcrThatDoesNotExist(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reference.json");
        ObjectNode node = reference.toJson();
        ((ObjectNode) node.get("pcrs")).putArray("totpSelection").add(7).add(24);
        Files.write(file, new ObjectMapper().writeValueAsBytes(node));

        assertThatThrownBy(() -> ReferenceMeasurements.load(file))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": pcrs.totpSelection: 24 is not a PCR (0-23)");
    }

    @Test
    void refusesAnExpectedPcrThatDoesNotExist(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reference.json");
        for (String pcr : List.of("99", "-1", "07")) {
            ObjectNode node = reference.toJson();
            ((ObjectNode) node.get("pcrs").get("expected")).put(pcr, ZERO);
            Files.write(file, new ObjectMapper().writeValueAsBytes(node));

            assertThatThrownBy(() -> ReferenceMeasurements.load(file))
                    .hasMessage(file + ": pcrs.expected: " + pcr + " is not a PCR (0-23)");
        }
    }

    @Test
    void thisComputerNeedsItsFirmwareImage(@TempDir Path dir) {
        HostMachine host = new HostMachine(new TpmSpec.Device(Path.of("/dev/tpmrm0")), dir, dir);
        assertThatThrownBy(() -> ReferenceMeasurements.of(host, null, Secret.empty())).hasMessageContaining("flashrom");
    }
}
