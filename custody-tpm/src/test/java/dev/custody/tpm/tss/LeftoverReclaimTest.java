package dev.custody.tpm.tss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.SealedBlob;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmCommandException;
import dev.custody.tpm.session.PasswordAuthorization;
import dev.custody.tpm.session.SessionedTpm;
import dev.custody.tpm.testing.Swtpm;
import dev.custody.tpm.transport.SwtpmTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tss.tpm.TPM2B_DIGEST_KEYEDHASH;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_KEYEDHASH_PARMS;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_SCHEME_HMAC;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;
import tss.tpm.TPM_SE;

/**
 * A client killed with SIGKILL leaves its transient objects and sessions in swtpm, which has no
 * resource manager. Enough of them fill the TPM; Custody must free them and carry on.
 */
class LeftoverReclaimTest {
    private static final int MORE_THAN_ANY_TPM_HOLDS = 100;

    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void objectsAndSessionsOfAKilledClientAreFlushedAndTheCommandSucceeds() {
        int abandoned = fillTheTpmAndDisconnectWithoutFlushing();
        assertThat(abandoned).as("objects and sessions that fit before the TPM was full").isGreaterThanOrEqualTo(2);
        assertThat(swtpm.tpm2("tpm2_getcap", "handles-transient")).contains("0x80");

        List<String> warnings = new ArrayList<>();
        PcrPolicy policy = new PcrPolicy(List.of(12), false);
        try (Tpm tpm = new TssTpm(SwtpmTransport.connect("127.0.0.1", swtpm.port()), () -> {}, warnings::add)) {
            SealedBlob blob = tpm.sealToBlob(SealRequest.of(Secret.copyOf(new byte[] {4, 2}), policy),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()));
            try (Secret unsealed = tpm.unseal(blob, policy, Secret.empty())) {
                assertThat(unsealed.bytes()).containsExactly(4, 2);
            }
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("TPM_RC_OBJECT_MEMORY").contains("flushed " + abandoned)
                .contains("killed").doesNotContain("\n");
        assertThat(leftInTheTpm()).isEmpty();
    }

    @Test
    void everyOperationFlushesWhatItLoaded() {
        PcrPolicy policy = new PcrPolicy(List.of(11), true);
        try (Tpm tpm = swtpm.open()) {
            tpm.random(40).close();
            SealedBlob blob = tpm.sealToBlob(SealRequest.of(Secret.copyOf(new byte[] {1}), policy)
                    .withAuth(Secret.copyOf(new byte[] {9})),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()));
            tpm.unseal(blob, policy, Secret.copyOf(new byte[] {9})).close();
            assertThatThrownBy(() -> tpm.unseal(blob, policy, Secret.copyOf(new byte[] {8})))
                    .isInstanceOf(TpmCommandException.class);
            AttestationKey key = tpm.createAttestationKey(Secret.empty());
            tpm.quote(key, new byte[] {1, 2, 3}, PcrBank.SHA256, List.of(0, 7));
            tpm.endorsementKeyPublic(Secret.empty());
        }
        assertThat(leftInTheTpm()).isEmpty();
    }

    @Test
    void aTpmFullOfItsOwnObjectsFailsNamingTheCause() {
        try (SwtpmTransport transport = SwtpmTransport.connect("127.0.0.1", swtpm.port())) {
            SessionedTpm tpm = new SessionedTpm(transport, warning -> {});
            assertThatThrownBy(() -> {
                for (int i = 0; i < MORE_THAN_ANY_TPM_HOLDS; i++) {
                    createHmacKey(tpm);
                }
            }).isInstanceOf(TpmCommandException.class)
                    .hasMessageContaining("TPM_RC_OBJECT_MEMORY")
                    .hasMessageContaining("nothing left over by earlier runs");
        } finally {
            swtpm.tpm2("tpm2_flushcontext", "--transient-object");
        }
        assertThat(leftInTheTpm()).isEmpty();
    }

    /** Like a run killed mid-command: objects and sessions made, then the connection drops. */
    private static int fillTheTpmAndDisconnectWithoutFlushing() {
        int made = 0;
        try (SwtpmTransport transport = SwtpmTransport.connect("127.0.0.1", swtpm.port())) {
            SessionedTpm tpm = new SessionedTpm(transport, warning -> {});
            made += untilFull(() -> createHmacKey(tpm), ResponseCode.OBJECT_MEMORY);
            made += untilFull(() -> startSession(tpm), ResponseCode.SESSION_MEMORY);
        }
        return made;
    }

    private static int untilFull(Runnable make, int fullCode) {
        for (int made = 0; made < MORE_THAN_ANY_TPM_HOLDS; made++) {
            try {
                make.run();
            } catch (TpmCommandException e) {
                assertThat(e.code().base()).isEqualTo(fullCode);
                return made;
            }
        }
        throw new AssertionError("the TPM never reported its memory full");
    }

    private static void createHmacKey(SessionedTpm tpm) {
        TPMT_PUBLIC hmacKey = new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                new TPMA_OBJECT(TPMA_OBJECT.fixedTPM, TPMA_OBJECT.fixedParent, TPMA_OBJECT.sensitiveDataOrigin,
                        TPMA_OBJECT.userWithAuth, TPMA_OBJECT.sign),
                new byte[0], new TPMS_KEYEDHASH_PARMS(new TPMS_SCHEME_HMAC(TPM_ALG_ID.SHA256)),
                new TPM2B_DIGEST_KEYEDHASH(new byte[0]));
        tpm.authorize(PasswordAuthorization.EMPTY).CreatePrimary(TPM_HANDLE.from(TPM_RH.NULL),
                new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), hmacKey, new byte[0], new TPMS_PCR_SELECTION[0]);
    }

    private static void startSession(SessionedTpm tpm) {
        tpm.StartAuthSession(TPM_HANDLE.from(TPM_RH.NULL), TPM_HANDLE.from(TPM_RH.NULL), new byte[16], new byte[0],
                TPM_SE.HMAC, new TPMT_SYM_DEF(TPM_ALG_ID.NULL, 0, TPM_ALG_ID.NULL), TPM_ALG_ID.SHA256);
    }

    /** What tpm2-tools sees left in the TPM: transient objects, loaded and saved sessions. */
    private static String leftInTheTpm() {
        return (swtpm.tpm2("tpm2_getcap", "handles-transient")
                + swtpm.tpm2("tpm2_getcap", "handles-loaded-session")
                + swtpm.tpm2("tpm2_getcap", "handles-saved-session")).strip();
    }
}
