package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Custody and Debian's tpm2-tools on the same swtpm must agree on every byte that matters. */
class Tpm2ToolsInteropTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void tpm2PcrreadShowsWhatCustodyExtended() {
        byte[] value;
        try (Tpm tpm = swtpm.open()) {
            tpm.extend(16, Map.of(PcrBank.SHA256, PcrBank.SHA256.hash("interop".getBytes())));
            value = tpm.readPcrs(PcrBank.SHA256, List.of(16)).get(16);
        }
        String output = swtpm.tpm2("tpm2_pcrread", "sha256:16");
        assertThat(output.toLowerCase()).contains("0x" + HexFormat.of().formatHex(value));
    }

    @Test
    void policyDigestEqualsTpm2Createpolicy() throws IOException {
        PcrPolicy policy = new PcrPolicy(List.of(0, 1, 2, 3, 4, 7), false);
        Map<Integer, byte[]> values;
        try (Tpm tpm = swtpm.open()) {
            values = tpm.readPcrs(PcrBank.SHA256, policy.pcrs());
        }
        swtpm.tpm2("tpm2_createpolicy", "--policy-pcr", "-l", "sha256:0,1,2,3,4,7", "-L", "policy.digest");
        byte[] expected = Files.readAllBytes(swtpm.directory().resolve("policy.digest"));
        assertThat(policy.digest(values)).isEqualTo(expected);
    }

    @Test
    void custodyUnsealsWhatTpm2ToolsSealedUntilAPcrChanges() throws IOException {
        Files.writeString(swtpm.directory().resolve("secret.txt"), "sealed by tpm2-tools");
        // Without a resource manager, tpm2-tools leaves objects loaded; swtpm has three slots.
        swtpm.tpm2("tpm2_createprimary", "-C", "o", "-c", "primary.ctx");
        swtpm.tpm2("tpm2_flushcontext", "-t");
        swtpm.tpm2("tpm2_createpolicy", "--policy-pcr", "-l", "sha256:5,6", "-L", "pcr.policy");
        swtpm.tpm2("tpm2_create", "-C", "primary.ctx", "-L", "pcr.policy", "-i", "secret.txt",
                "-u", "seal.pub", "-r", "seal.priv");
        swtpm.tpm2("tpm2_flushcontext", "-t");
        swtpm.tpm2("tpm2_load", "-C", "primary.ctx", "-u", "seal.pub", "-r", "seal.priv", "-c", "seal.ctx");
        swtpm.tpm2("tpm2_evictcontrol", "-C", "o", "-c", "seal.ctx", "0x81010001");
        swtpm.tpm2("tpm2_flushcontext", "-t");

        PcrPolicy policy = new PcrPolicy(List.of(5, 6), false);
        try (Tpm tpm = swtpm.open()) {
            try (Secret unsealed = tpm.unseal(0x81010001, policy, Secret.empty())) {
                assertThat(new String(unsealed.bytes(), StandardCharsets.UTF_8)).isEqualTo("sealed by tpm2-tools");
            }
            tpm.extend(6, Map.of(PcrBank.SHA256, new byte[32]));
            assertThatThrownBy(() -> tpm.unseal(0x81010001, policy, Secret.empty()))
                    .hasMessageContaining("the measured state (PCRs 5,6) differs from when this secret was sealed");
        }
    }

    @Test
    void tpm2UnsealReadsWhatCustodySealed() {
        PcrPolicy policy = new PcrPolicy(List.of(8, 9), false);
        try (Tpm tpm = swtpm.open()) {
            tpm.sealPersistent(SealRequest.of(Secret.copyOf("sealed by custody".getBytes()), policy),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()), PersistentSlot.replacing(0x81010002));
        }
        swtpm.tpm2("tpm2_startauthsession", "--policy-session", "-S", "session.ctx");
        swtpm.tpm2("tpm2_policypcr", "-S", "session.ctx", "-l", "sha256:8,9");
        String output = swtpm.tpm2("tpm2_unseal", "-c", "0x81010002", "-p", "session:session.ctx");
        swtpm.tpm2("tpm2_flushcontext", "session.ctx");
        assertThat(output).isEqualTo("sealed by custody");
    }
}
