package dev.custody.machine.recovery;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.nio.charset.StandardCharsets;

/**
 * The recovery inputs an attacker can shape: the CONFIG_CUSTODY_RECOVERY_AUTH value, the
 * signature file and the challenge line in it. Each refuses with a plain one-line
 * IllegalArgumentException; anything else is a finding.
 */
class RecoveryInputFuzzTest {
    @FuzzTest
    void recoveryInputs(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        refusedInOneLine(() -> RecoveryAuth.parse(text));
        refusedInOneLine(() -> Challenge.parse(text));
        refusedInOneLine(() -> {
            if (SignedResponse.parse(data) instanceof SignedResponse.Clearsigned clear) {
                Challenge.parse(clear.text());
            }
        });
    }

    private static void refusedInOneLine(Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
