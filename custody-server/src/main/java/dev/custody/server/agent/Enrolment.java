package dev.custody.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.common.AtomicFiles;
import dev.custody.common.JsonMaps;
import dev.custody.machine.Machine;
import dev.custody.tpm.AttestationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a machine remembers of its enrolment: the server and the certificate fingerprint it
 * pinned, its name there, and its attestation key (the private part is encrypted by its TPM).
 */
public record Enrolment(String server, String fingerprint, String name, AttestationKey attestationKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Path file(Machine machine) {
        return machine.stateDirectory().resolve("fleet").resolve("enrolment.json");
    }

    /** What 'attest enroll' prints once {@code machine} saved this enrolment. */
    public String text(Machine machine) {
        return String.format("Enrolled %s with %s: its attestation key is proven to live in this TPM.%n"
                + "Pinned server certificate %s; saved in %s", name, server, fingerprint, file(machine));
    }

    /** The same as 'attest enroll --json' reports it. */
    public Map<String, Object> toJson(Machine machine) {
        return JsonMaps.object("name", name, "server", String.valueOf(server), "fingerprint", fingerprint,
                "enrolment", file(machine).toString());
    }

    public void save(Machine machine) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "custody-fleet-enrolment");
        json.put("version", 1);
        json.put("server", server);
        json.put("fingerprint", fingerprint);
        json.put("name", name);
        json.put("akPublic", Base64.getEncoder().encodeToString(attestationKey.publicArea()));
        json.put("akPrivate", Base64.getEncoder().encodeToString(attestationKey.privateArea()));
        try {
            Files.createDirectories(file(machine).getParent());
            AtomicFiles.writePrivate(file(machine), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file(machine), e);
        }
    }

    public static Optional<Enrolment> load(Machine machine) {
        Path file = file(machine);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new Enrolment(node.path("server").asText(), node.path("fingerprint").asText(),
                    node.path("name").asText(), new AttestationKey(Base64.getDecoder().decode(node.path("akPublic").asText()),
                    Base64.getDecoder().decode(node.path("akPrivate").asText()))));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a readable fleet enrolment; enrol the machine again");
        }
    }
}
