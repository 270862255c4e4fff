package dev.custody.ownership;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;

/** secrets.json, the owner secrets a reset saves and a hand-off ships. */
class OwnerSecretsFuzzTest {
    @FuzzTest
    void ownerSecrets(byte[] data) {
        try {
            OwnerSecrets.fromJson(data);
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, "owner secret");
        }
    }
}
