package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseCodeTest {
    @Test
    void formatOneCodesNameTheirSession() {
        ResponseCode code = new ResponseCode(0x99D);
        assertThat(code.is(ResponseCode.POLICY_FAIL)).isTrue();
        assertThat(code.name()).isEqualTo("TPM_RC_POLICY_FAIL (session 1)");
    }

    @Test
    void formatOneCodesNameTheirParameterAndHandle() {
        assertThat(new ResponseCode(0x1D5).name()).isEqualTo("TPM_RC_SIZE (parameter 1)");
        assertThat(new ResponseCode(0x18B).name()).isEqualTo("TPM_RC_HANDLE (handle 1)");
    }

    @Test
    void warningsAndLockoutAreExplained() {
        ResponseCode lockout = new ResponseCode(0x921);
        assertThat(lockout.name()).isEqualTo("TPM_RC_LOCKOUT");
        assertThat(lockout.explanation()).contains("dictionary-attack lockout");
    }

    @Test
    void codesFromOtherLayersAndUnknownCodesStillReadAsSentences() {
        assertThat(new ResponseCode(0x000B0005).explanation()).contains("not from the TPM");
        assertThat(new ResponseCode(0x0000001E).explanation()).contains("TPM 1.2");
        assertThat(new ResponseCode(0x17F).name()).isEqualTo("TPM_RC 0x17f");
    }
}
