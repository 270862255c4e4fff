package dev.custody.boot.manifest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.nio.charset.StandardCharsets;

/** sha256sum lines: kexec_hashes.txt, kexec_default_hashes.txt and kexec_root_hashes.txt. */
class HashListFuzzTest {
    @FuzzTest
    void hashList(byte[] data) {
        try {
            HashList.parse(KexecFiles.HASHES, new String(data, StandardCharsets.UTF_8)).digests();
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, KexecFiles.HASHES);
        }
    }
}
