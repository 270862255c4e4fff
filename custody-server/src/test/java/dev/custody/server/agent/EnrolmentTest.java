package dev.custody.server.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.machine.HostMachine;
import dev.custody.machine.Machine;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's enrolment file is read back whole or refused; no member is read as "" or 0. */
class EnrolmentTest {
    @TempDir
    Path state;

    private Machine machine() {
        return new HostMachine(new TpmSpec.Device(Path.of("/dev/tpmrm0")), state, state.resolve("boot"));
    }

    private Enrolment saved() {
        Enrolment enrolment = new Enrolment("https://fleet.example:8443", "ab".repeat(32), "x230-07",
                new AttestationKey(new byte[] {1, 2, 3}, new byte[] {4, 5}));
        enrolment.save(machine());
        return enrolment;
    }

    private String refusal(String json) throws Exception {
        Files.writeString(Enrolment.file(machine()), json);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Enrolment.load(machine()));
        FuzzRefusals.requireOneLine(refused);
        String message = refused.getMessage();
        assertTrue(message.endsWith("enrol the machine again"), message);
        return message;
    }

    @Test
    void whatIsSavedIsLoadedBack() {
        Enrolment saved = saved();
        Enrolment loaded = Enrolment.load(machine()).orElseThrow();
        assertEquals(saved.server(), loaded.server());
        assertEquals(saved.fingerprint(), loaded.fingerprint());
        assertEquals(saved.name(), loaded.name());
        assertArrayEquals(saved.attestationKey().publicArea(), loaded.attestationKey().publicArea());
        assertArrayEquals(saved.attestationKey().privateArea(), loaded.attestationKey().privateArea());
    }

    @Test
    void aMissingOrEmptyMemberIsRefused() throws Exception {
        saved();
        String json = Files.readString(Enrolment.file(machine()), UTF_8);
        assertTrue(refusal(json.replaceAll("\"fingerprint\" : \"[0-9a-f]+\",", "")).contains("'fingerprint'"));
        assertTrue(refusal(json.replace("\"x230-07\"", "\"\"")).contains("'name'"));
        assertTrue(refusal(json.replace("\"BAU=\"", "\"BAU=!\"")).contains("'akPrivate'"));
    }

    @Test
    void anotherFormatOrVersionIsRefused() throws Exception {
        saved();
        String json = Files.readString(Enrolment.file(machine()), UTF_8);
        refusal(json.replace("\"version\" : 1", "\"version\" : 2"));
        refusal(json.replace("custody-fleet-enrolment", "custody-fleet-enrolment-x"));
        refusal(json.replace("\"name\" :", "\"name\" : \"a\", \"name\" :"));
    }
}
