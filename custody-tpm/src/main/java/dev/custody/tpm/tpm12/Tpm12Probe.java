package dev.custody.tpm.tpm12;

import dev.custody.tpm.transport.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/** Tells a TPM 1.2 from a TPM 2.0 before anything else is sent. */
public final class Tpm12Probe {
    /** TPM_GetCapability(TPM_CAP_VERSION_VAL), a harmless TPM 1.2 command. */
    private static final byte[] GET_VERSION = HexFormat.of().parseHex("00c1" + "00000012" + "00000065" + "0000001a" + "00000000");
    private static final int SUCCESS = 0;

    private Tpm12Probe() {}

    /**
     * A TPM 1.2 answers the 1.2 command (or says it was not started yet); a TPM 2.0 refuses its
     * tag with TPM_RC_BAD_TAG.
     */
    public static boolean answersAsTpm12(Transport transport) {
        byte[] response = transport.transmit(GET_VERSION);
        if (response.length < 10) {
            return false;
        }
        int code = ((response[6] & 0xff) << 24) | ((response[7] & 0xff) << 16) | ((response[8] & 0xff) << 8)
                | (response[9] & 0xff);
        return code == SUCCESS || code == Tpm12ResponseCode.INVALID_POSTINIT;
    }

    /**
     * What the kernel says of a character device such as /dev/tpm0 ("1" or "2"), if it says
     * anything; a resource manager device (/dev/tpmrm0) exists for TPM 2.0 only.
     */
    public static Optional<Boolean> kernelSaysTpm12(Path device) {
        if (device.getFileName().toString().startsWith("tpmrm")) {
            return Optional.of(false);
        }
        Path major = Path.of("/sys/class/tpm").resolve(device.getFileName().toString().replace("tpmrm", "tpm"))
                .resolve("tpm_version_major");
        try {
            return Optional.of(Files.readString(major).strip().equals("1"));
        } catch (IOException | RuntimeException unknown) {
            return Optional.empty();
        }
    }
}
