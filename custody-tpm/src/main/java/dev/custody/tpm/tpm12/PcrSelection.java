package dev.custody.tpm.tpm12;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * TPM_PCR_SELECTION and the structures built on it (TPM Main Part 2, section 8): the composite
 * hash a sealed blob or NV area is bound to is SHA1 over the selection and the selected values.
 *
 * <p>Two select bytes (PCRs 0-15) are what tpmtotp's {@code sealfile2}, and so Heads, use for
 * TPM_PCR_INFO; the composite hash depends on the select size, so it is kept exactly.
 */
public record PcrSelection(List<Integer> pcrs, int sizeOfSelect) {
    public static final int PCR_COUNT = 24;
    static final int LOCALITY_ANY = 0x1F;
    static final int LOCALITY_ZERO = 0x01;

    public PcrSelection {
        pcrs = List.copyOf(new TreeSet<>(pcrs));
        for (int pcr : pcrs) {
            if (pcr < 0 || pcr >= sizeOfSelect * 8) {
                throw new IllegalArgumentException("PCR " + pcr + " does not fit a " + sizeOfSelect + "-byte PCR selection");
            }
        }
    }

    /** The smallest selection Heads would use: two bytes unless a PCR above 15 is chosen. */
    public static PcrSelection of(List<Integer> pcrs) {
        boolean high = pcrs.stream().anyMatch(pcr -> pcr >= 16);
        return new PcrSelection(pcrs, high ? 3 : 2);
    }

    /** No PCRs, with no select bytes at all, as tpmtotp's {@code nv_definespace} sends it. */
    public static PcrSelection none() {
        return new PcrSelection(List.of(), 0);
    }

    public byte[] bytes() {
        byte[] out = new byte[2 + sizeOfSelect];
        out[0] = (byte) (sizeOfSelect >>> 8);
        out[1] = (byte) sizeOfSelect;
        for (int pcr : pcrs) {
            out[2 + pcr / 8] |= (byte) (1 << (pcr % 8));
        }
        return out;
    }

    /** TPM_PCR_COMPOSITE: the selection, then UINT32 valueSize and the values in PCR order. */
    public byte[] composite(Map<Integer, byte[]> values) {
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (int pcr : pcrs) {
            byte[] value = values.get(pcr);
            if (value == null || value.length != Sha1.LENGTH) {
                throw new IllegalArgumentException("no SHA-1 value given for PCR " + pcr);
            }
            concatenated.writeBytes(value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes());
        out.writeBytes(CommandBuilder.intBytes(concatenated.size()));
        out.writeBytes(concatenated.toByteArray());
        return out.toByteArray();
    }

    /** TPM_COMPOSITE_HASH: what TPM_Unseal compares with digestAtRelease. */
    public byte[] compositeHash(Map<Integer, byte[]> values) {
        return Sha1.hash(composite(values));
    }

    /** TPM_PCR_INFO for TPM_Seal: release digest given, creation digest left for the TPM to fill. */
    public byte[] pcrInfo(Map<Integer, byte[]> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes());
        out.writeBytes(compositeHash(values));
        out.writeBytes(new byte[Sha1.LENGTH]);
        return out.toByteArray();
    }

    /** TPM_PCR_INFO_SHORT for NV areas, usable at the localities in the {@code localities} bitmap. */
    public byte[] pcrInfoShort(Map<Integer, byte[]> values, int localities) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes());
        out.write(localities);
        out.writeBytes(pcrs.isEmpty() ? new byte[Sha1.LENGTH] : compositeHash(values));
        return out.toByteArray();
    }

    static PcrSelection read(Reader in) {
        int size = in.u16();
        byte[] bitmap = in.bytes(size);
        List<Integer> pcrs = new java.util.ArrayList<>();
        for (int pcr = 0; pcr < size * 8; pcr++) {
            if ((bitmap[pcr / 8] & (1 << (pcr % 8))) != 0) {
                pcrs.add(pcr);
            }
        }
        return new PcrSelection(pcrs, size);
    }
}
