package dev.custody.machine.qemu;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;

/**
 * The OVMF vars file 'lab tamper --what bootorder' edits: bytes whoever held the machine's flash
 * could have written. A bad store is refused with a plain IllegalArgumentException whose one-line
 * message says it is no variable store OVMF can read; anything else is a finding. bin/fuzz seeds
 * it with Debian's OVMF_VARS_4M.fd and OVMF_VARS_4M.ms.fd.
 */
class OvmfVarsFuzzTest {
    @FuzzTest
    void varsFiles(byte[] data) {
        try {
            OvmfVars.withNewEntryFirst(data, "fuzz");
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class || refused.getMessage() == null
                    || !refused.getMessage().startsWith("not an OVMF variable store")) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
