package dev.custody.seals.photo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;

/** Seal photos as {@code seals check} and {@code own receive} decode them: JPEG, PNG, their headers. */
class PhotoReaderFuzzTest {
    private static final String NAME = "seal.jpg";

    @FuzzTest
    void photo(byte[] data) {
        try {
            PhotoReader.decode(data, NAME);
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class || !refused.getMessage().startsWith(NAME)) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
