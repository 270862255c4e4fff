package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/** RSAES-OAEP with SHA-1, MGF1 and the label "TCPA", the TPM 1.2 encryption scheme (TPM_ES_RSAESOAEP_SHA1_MGF1). */
final class Oaep {
    private static final OAEPParameterSpec TCPA = new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
            new PSource.PSpecified("TCPA".getBytes(StandardCharsets.US_ASCII)));

    private Oaep() {}

    static byte[] encrypt(RSAPublicKey key, byte[] plain) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, TCPA);
            return cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new TpmException("cannot encrypt to the TPM's " + key.getModulus().bitLength()
                    + "-bit RSA key with RSA-OAEP (TPM 1.2 keys have 2048 bits)", e);
        }
    }
}
