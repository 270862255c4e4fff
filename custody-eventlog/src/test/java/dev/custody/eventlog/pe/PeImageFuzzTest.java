package dev.custody.eventlog.pe;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.eventlog.HashAlgorithm;

/** EFI images as {@code boot reseal --kernel} reads them: parse, list the hashed ranges, hash. */
class PeImageFuzzTest {
    @FuzzTest
    void peImage(byte[] data) {
        try {
            Authenticode.digest(data, HashAlgorithm.SHA256);
        } catch (MalformedImageException refused) {
            FuzzRefusals.requireOneLine(refused);  // the parser's one allowed way to say no
        }
    }
}
