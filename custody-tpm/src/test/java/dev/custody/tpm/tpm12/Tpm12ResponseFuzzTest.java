package dev.custody.tpm.tpm12;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.Secret;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.transport.FuzzedTpm;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Whatever a TPM 1.2 (or whoever sits on its LPC bus) answers: most of what Custody asks a TPM 1.2
 * goes unauthenticated (capabilities, PCRs, NV areas, counters, the endorsement key), and the
 * answers that come with a session HMAC are parsed up to the HMAC check. The only acceptable
 * failure is a TpmException with a one-line message.
 */
class Tpm12ResponseFuzzTest {
    private static final int HEADS_TOTP = 0x81004d47;

    @FuzzTest
    void responses(FuzzedDataProvider input) {
        try (Tpm12 tpm = new Tpm12(new FuzzedTpm(input), Optional.empty(), () -> { })) {
            List<Consumer<Tpm12>> commands = List.of(
                    Tpm12::info,
                    Tpm12::capacity,
                    Tpm12::persistentHandles,
                    t -> t.readPcrs(PcrBank.SHA1, List.of(0, 7)),
                    t -> t.random(16),
                    t -> t.objectPolicy(HEADS_TOTP),
                    t -> t.readNv(Tpm12.nvIndex(HEADS_TOTP)),
                    t -> t.readCounter(1),
                    t -> t.endorsementKeyPublic(Secret.empty()),
                    t -> t.authorizes(Hierarchy.OWNER, Secret.empty()),
                    t -> t.unseal(HEADS_TOTP, new PcrPolicy(List.of(0, 7), false), Secret.empty()));
            while (input.remainingBytes() > 0) {
                refusedWithMessage(() -> input.pickValue(commands).accept(tpm));
            }
        } catch (TpmException refused) {
            FuzzRefusals.requireOneLine(refused);  // TPM_Startup's answer, in the constructor
        }
    }

    private static void refusedWithMessage(Runnable command) {
        try {
            command.run();
        } catch (TpmException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }

}
