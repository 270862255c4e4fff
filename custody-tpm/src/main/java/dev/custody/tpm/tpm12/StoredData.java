package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;
import java.util.Arrays;

/**
 * A sealed blob as TPM_Seal returns it (TPM_STORED_DATA, or TPM_STORED_DATA12 for
 * TPM_PCR_INFO_LONG): the seal info in the clear, the data encrypted to the storage key.
 * Heads keeps it at the start of a fixed-size NV area, zero-padded, so the length is read from
 * the structure itself.
 *
 * @param bytes    the structure exactly as the TPM marshalled it
 * @param sealInfo the TPM_PCR_INFO (or _LONG) it is bound to, empty when bound to no PCRs
 */
public record StoredData(byte[] bytes, byte[] sealInfo) {
    private static final int HEADER = 4;

    /** Parses a blob from the start of {@code area}; bytes after it (padding) are ignored. */
    public static StoredData parse(byte[] area) {
        Reader in = new Reader(area, "sealed blob");
        in.bytes(HEADER);
        byte[] sealInfo = in.sized();
        if (in.sized().length == 0) {
            throw new TpmException("the sealed blob is empty (an NV area that was defined but never sealed into, or wiped)");
        }
        return new StoredData(Arrays.copyOf(area, in.position()), sealInfo);
    }

    /** The digestAtRelease of the seal info: the PCR composite hash unsealing requires. */
    public byte[] digestAtRelease() {
        if (sealInfo.length == 0) {
            return new byte[0];
        }
        Reader in = new Reader(sealInfo, "seal info");
        boolean longForm = sealInfo.length > 2 && sealInfo[0] == 0 && sealInfo[1] == 0x06;
        if (longForm) {
            in.u16();
            in.u8();
            in.u8();
            PcrSelection.read(in);
            PcrSelection.read(in);
            in.bytes(Sha1.LENGTH);
        } else {
            PcrSelection.read(in);
        }
        return in.bytes(Sha1.LENGTH);
    }

    public PcrSelection releaseSelection() {
        Reader in = new Reader(sealInfo, "seal info");
        if (sealInfo.length > 2 && sealInfo[0] == 0 && sealInfo[1] == 0x06) {
            in.u16();
            in.u8();
            in.u8();
            PcrSelection.read(in);
        }
        return PcrSelection.read(in);
    }
}
