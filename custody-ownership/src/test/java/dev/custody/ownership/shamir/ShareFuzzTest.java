package dev.custody.ownership.shamir;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.nio.charset.StandardCharsets;

/** A secret share as typed in or read from a share file. */
class ShareFuzzTest {
    @FuzzTest
    void share(byte[] data) {
        try {
            Share.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, "share");
        }
    }
}
