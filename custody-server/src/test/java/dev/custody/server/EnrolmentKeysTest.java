package dev.custody.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.server.store.Database;
import dev.custody.server.store.FleetStore;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.SoftwareAttestationKey;
import dev.custody.tpm.testing.Swtpm;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys an enrolment request brings, before anything is stored: a swtpm's endorsement key,
 * whole or cut short as a broken or hostile agent could send it. A bad key is a 400 refusal with
 * a message, never an internal error quoting Java.
 */
class EnrolmentKeysTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    Path directory;
    private Database database;
    private Fleet fleet;
    private byte[] endorsementKey;
    private final byte[] attestationKey = SoftwareAttestationKey.generate().publicArea();

    @BeforeEach
    void openFleet() {
        database = Database.open("jdbc:h2:" + directory.resolve("fleet").toAbsolutePath());
        fleet = new Fleet(new FleetStore(database), Clock.systemUTC());
        try (Tpm tpm = swtpm.open()) {
            endorsementKey = tpm.endorsementKeyPublic(Secret.empty());
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theSwtpmKeysBeginAnEnrolment() {
        assertThat(fleet.beginEnrolment(request(endorsementKey, attestationKey)).challengeId()).hasSize(32);
    }

    @Test
    void aCutShortKeyIsRefusedNamingIt() {
        assertRefused(() -> request(cut(endorsementKey), attestationKey), "the endorsement key does not parse as a TPMT_PUBLIC");
        assertRefused(() -> request(endorsementKey, cut(attestationKey)), "the attestation key does not parse as a TPMT_PUBLIC");
    }

    /** The name is the sender's own text: refused without being quoted back. */
    @Test
    void aBadNameIsRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> new Fleet.EnrolmentRequest("x230\u001b[2J", 900, endorsementKey, Optional.empty(), attestationKey))
                .isInstanceOf(Fleet.Refusal.class)
                .hasMessage("the machine name must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        assertThat(fleet.status()).isEmpty();
    }

    private static void assertRefused(ThrowingCallable request, String message) {
        assertThatThrownBy(request).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static byte[] cut(byte[] publicArea) {
        return Arrays.copyOf(publicArea, publicArea.length - 10);
    }

    private static Fleet.EnrolmentRequest request(byte[] endorsementKey, byte[] attestationKey) {
        return new Fleet.EnrolmentRequest("laptop-1", 900, endorsementKey, Optional.empty(), attestationKey);
    }
}
