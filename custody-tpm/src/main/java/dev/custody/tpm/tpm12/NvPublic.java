package dev.custody.tpm.tpm12;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * TPM_NV_DATA_PUBLIC: an NV area's index, size, permissions and the PCR state (if any) needed
 * to read or write it.
 *
 * @param readPcrInfo  TPM_PCR_INFO_SHORT the PCRs must match to read
 * @param writePcrInfo TPM_PCR_INFO_SHORT the PCRs must match to write
 */
public record NvPublic(int index, byte[] readPcrInfo, byte[] writePcrInfo, int attributes, int dataSize) {
    private static final int TAG_NV_DATA_PUBLIC = 0x0018;
    private static final int TAG_NV_ATTRIBUTES = 0x0017;

    /** An area bound to no PCRs, usable from any locality; {@code attributes} must restrict writing. */
    public static NvPublic unbound(int index, int attributes, int dataSize) {
        byte[] none = PcrSelection.none().pcrInfoShort(Map.of(), PcrSelection.LOCALITY_ANY);
        return new NvPublic(index, none, none, attributes, dataSize);
    }

    /**
     * The area Heads keeps a sealed blob in ({@code tpm nv_definespace -per 0}): no permission
     * bits, no PCRs, reading and writing from locality 0 only, which is what the TPM accepts as
     * the write restriction. The sealed blob inside protects itself.
     */
    public static NvPublic headsSealedArea(int index, int dataSize) {
        byte[] localityZero = PcrSelection.none().pcrInfoShort(Map.of(), PcrSelection.LOCALITY_ZERO);
        return new NvPublic(index, localityZero, localityZero, 0, dataSize);
    }

    /** An area readable and writable only while {@code pcrs} hold {@code values}. */
    public static NvPublic boundToPcrs(int index, int attributes, int dataSize, PcrSelection pcrs, Map<Integer, byte[]> values) {
        byte[] bound = pcrs.pcrInfoShort(values, PcrSelection.LOCALITY_ANY);
        return new NvPublic(index, bound, bound, attributes, dataSize);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(TAG_NV_DATA_PUBLIC >>> 8);
        out.write(TAG_NV_DATA_PUBLIC);
        out.writeBytes(CommandBuilder.intBytes(index));
        out.writeBytes(readPcrInfo);
        out.writeBytes(writePcrInfo);
        out.write(TAG_NV_ATTRIBUTES >>> 8);
        out.write(TAG_NV_ATTRIBUTES);
        out.writeBytes(CommandBuilder.intBytes(attributes));
        out.write(0);
        out.write(0);
        out.write(0);
        out.writeBytes(CommandBuilder.intBytes(dataSize));
        return out.toByteArray();
    }

    static NvPublic read(Reader in) {
        in.u16();
        int index = in.u32();
        byte[] read = readPcrInfoShort(in);
        byte[] write = readPcrInfoShort(in);
        in.u16();
        int attributes = in.u32();
        in.u8();
        in.u8();
        in.u8();
        return new NvPublic(index, read, write, attributes, in.u32());
    }

    private static byte[] readPcrInfoShort(Reader in) {
        int size = in.u16();
        byte[] select = in.bytes(size);
        byte[] rest = in.bytes(1 + Sha1.LENGTH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(size >>> 8);
        out.write(size);
        out.writeBytes(select);
        out.writeBytes(rest);
        return out.toByteArray();
    }
}
