package dev.custody.boot.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.nio.charset.StandardCharsets;

/** config.user as /boot's policy reads it (auto-boot timeout, restricted boot, root hashing). */
class BootPolicyFuzzTest {
    @FuzzTest
    void configUser(byte[] data) {
        try {
            BootPolicy.parse("config.user", new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, "config.user");
        }
    }
}
