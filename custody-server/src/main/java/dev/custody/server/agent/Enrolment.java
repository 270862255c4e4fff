package dev.custody.server.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.common.AtomicFiles;
import dev.custody.common.JsonMaps;
import dev.custody.common.StrictJson;
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
    private static final String FORMAT = "custody-fleet-enrolment";
    private static final int VERSION = 1;

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
        json.put("format", FORMAT);
        json.put("version", VERSION);
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

    /** The enrolment {@code machine} saved, if any; a damaged one is refused with what is wrong, never half read. */
    public static Optional<Enrolment> load(Machine machine) {
        Path file = file(machine);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " (" + e.getMessage() + ")");
        }
        try {
            return Optional.of(parse(json));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a readable fleet enrolment (" + e.getMessage()
                    + "); enrol the machine again");
        }
    }

    /** An enrolment file's contents, or a one-line refusal naming the member at fault. */
    static Enrolment parse(byte[] json) {
        StrictJson.Members members = StrictJson.object(json);
        if (!FORMAT.equals(members.node().path("format").textValue()) || members.integer("version") != VERSION) {
            throw new IllegalArgumentException("not a " + FORMAT + " file of version " + VERSION);
        }
        return new Enrolment(members.text("server"), members.text("fingerprint"), members.text("name"),
                new AttestationKey(members.base64("akPublic"), members.base64("akPrivate")));
    }
}
