package dev.custody.eventlog;

import dev.custody.eventlog.CorebootTpm2LogWriter.Measurement;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes coreboot's TPM 1.2 log (CBMEM "TPM 1.2 log", vendor magic CBT1) as coreboot's
 * {@code tpm1_log.c} lays it out: a SHA1-format EV_NO_ACTION header carrying "Spec ID Event00"
 * and coreboot's vendor info, then fixed-size EV_ACTION entries (SHA-1 digest, 50-byte NUL-padded
 * name), then zeroed entries up to the table size.
 */
public final class CorebootTpm1LogWriter {
    private static final int SPEC_ID_SIZE = 16 + 4 + 1 + 1 + 1 + 1 + 1;
    private static final int VENDOR_INFO_SIZE = 15;
    private static final int ENTRY_SIZE = 4 + 4 + 20 + 4 + CorebootTpm2LogWriter.NAME_FIELD;
    private static final long CBT1 = 0x31544243L;
    private static final int EV_NO_ACTION = 3;
    private static final int EV_ACTION = 5;
    private static final int SPEC_VERSION_MAJOR = 1;
    private static final int SPEC_VERSION_MINOR = 2;
    private static final int SPEC_ERRATA = 1;
    private static final int VENDOR_VERSION_MAJOR = 1;
    private static final int VENDOR_VERSION_MINOR = 0;

    private CorebootTpm1LogWriter() {}

    public static byte[] write(List<Measurement> measurements, int maxEntries) {
        if (measurements.size() > maxEntries || maxEntries > 0xffff) {
            throw new IllegalArgumentException(measurements.size() + " measurements do not fit a table of "
                    + maxEntries + " entries (at most 65535)");
        }
        int headerSize = 4 + 4 + 20 + 4 + SPEC_ID_SIZE + VENDOR_INFO_SIZE;
        ByteBuffer out = ByteBuffer.allocate(headerSize + maxEntries * ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0).putInt(EV_NO_ACTION).put(new byte[20]).putInt(SPEC_ID_SIZE + VENDOR_INFO_SIZE);
        out.put(SpecIdEvent.TPM12.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        out.putInt(0).put((byte) SPEC_VERSION_MINOR).put((byte) SPEC_VERSION_MAJOR).put((byte) SPEC_ERRATA).put((byte) 0);
        out.put((byte) VENDOR_INFO_SIZE);
        out.put((byte) 0).put((byte) VENDOR_VERSION_MAJOR).put((byte) VENDOR_VERSION_MINOR);
        out.putInt((int) CBT1).putShort((short) maxEntries).putShort((short) measurements.size()).putInt(ENTRY_SIZE);
        for (Measurement m : measurements) {
            if (m.digest().length() != HashAlgorithm.SHA1.digestLength()) {
                throw new IllegalArgumentException("measurement \"" + m.name() + "\": " + m.digest().length()
                        + "-byte digest in a TPM 1.2 (SHA-1) log");
            }
            out.putInt(m.pcr()).putInt(EV_ACTION).put(m.digest().toArray())
                    .putInt(CorebootTpm2LogWriter.NAME_FIELD).put(CorebootTpm2LogWriter.nameField(m.name()));
        }
        return out.array();
    }
}
