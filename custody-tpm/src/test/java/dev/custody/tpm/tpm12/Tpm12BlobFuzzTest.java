package dev.custody.tpm.tpm12;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.tpm.TpmException;

/**
 * The TPM 1.2 structures Custody reads back from files and NV areas: a sealed blob
 * (TPM_STORED_DATA, with the PCR selection and digest it is bound to) and a key (TPM_KEY12).
 */
class Tpm12BlobFuzzTest {
    @FuzzTest
    void blobs(byte[] data) {
        try {
            StoredData blob = StoredData.parse(data);
            blob.digestAtRelease();
            blob.releaseSelection();
        } catch (TpmException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
        try {
            KeyBlob.parse(data);
        } catch (TpmException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
