package dev.custody.tpm.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.Secret;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.tss.TssTpm;
import java.util.List;
import java.util.function.Consumer;

/**
 * Whatever a TPM (or whoever sits on its bus) answers: response frames as the transports cut them,
 * then the response parsing of the session layer and of every command the boot path sends, salted
 * sessions and parameter decryption included.
 */
class TpmResponseFuzzTest {
    @FuzzTest
    void responses(FuzzedDataProvider input) {
        try (TssTpm tpm = new TssTpm(new FuzzedTpm(input), () -> { })) {
            List<Consumer<TssTpm>> commands = List.of(
                    t -> t.readPcrs(PcrBank.SHA256, List.of(0, 7)),
                    TssTpm::activeBanks,
                    TssTpm::info,
                    t -> t.random(16),
                    TssTpm::persistentHandles,
                    t -> t.objectPolicy(TssTpm.STORAGE_KEY_HANDLE),
                    t -> t.readNv(0x01500016),
                    t -> t.readCounter(0x01500017),
                    t -> t.nvIndexExists(0x01500018),
                    t -> t.unseal(0x81000001, new PcrPolicy(List.of(0, 7), false), Secret.empty()));
            while (input.remainingBytes() > 0) {
                try {
                    input.pickValue(commands).accept(tpm);
                } catch (TpmException refused) {
                    // The declared refusal, TransportException and TpmCommandException included.
                    FuzzRefusals.requireOneLine(refused);
                }
            }
        }
    }
}
