package dev.custody.tpm.tpm12;

/**
 * A monotonic counter (TPM_COUNTER_VALUE): its TPM-assigned id, 4-byte label and value.
 *
 * @param raw the 10-byte structure as the TPM returned it; tpmtotp prints these bytes as hex
 *            and Heads hashes that line into kexec_rollback.txt
 */
public record CounterValue(int id, int label, long value, byte[] raw) {
    public static final int SIZE = 10;

    static CounterValue read(int id, Reader in) {
        byte[] raw = in.bytes(SIZE);
        Reader fields = new Reader(raw, "TPM_COUNTER_VALUE");
        fields.u16();
        int label = fields.u32();
        long value = Integer.toUnsignedLong(fields.u32());
        return new CounterValue(id, label, value, raw);
    }

    /** The line tpmtotp's {@code counter_read} prints, which Heads stores as /tmp/counter-ID. */
    public String headsLine() {
        return id + ": " + java.util.HexFormat.of().formatHex(raw) + "\n";
    }
}
