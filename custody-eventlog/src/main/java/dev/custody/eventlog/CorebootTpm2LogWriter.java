package dev.custody.eventlog;

import dev.custody.common.AtomicFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes coreboot's TPM 2.0 log (CBMEM "TPM2 TCG log", vendor magic CBT2) as coreboot lays it
 * out: a Spec ID Event03 header announcing one bank, then fixed-size EV_ACTION entries with a
 * 50-byte NUL-padded name, then zeroed entries up to the table size.
 */
public final class CorebootTpm2LogWriter {
    static final int NAME_FIELD = 50;
    private static final int VENDOR_INFO_SIZE = 15;
    private static final int SPEC_ID_SIZE = 33;
    private static final long CBT2 = 0x32544243L;
    private static final int EV_NO_ACTION = 3;
    private static final int EV_ACTION = 5;
    private static final int PLATFORM_CLASS_CLIENT = 0;
    private static final int SPEC_VERSION_MAJOR = 2;
    private static final int SPEC_VERSION_MINOR = 0;
    private static final int SPEC_ERRATA = 0;
    /** coreboot writes 2 (UINT64) whatever the platform, so readers size UINTN fields the same way. */
    private static final int UINTN_SIZE_64_BIT = 2;
    private static final int VENDOR_VERSION_MAJOR = 1;
    private static final int VENDOR_VERSION_MINOR = 0;

    private CorebootTpm2LogWriter() {}

    /** One measurement; coreboot names CBFS files "CBFS: name" and keeps at most 49 bytes of a name. */
    public record Measurement(int pcr, Bytes digest, String name) {
        public Measurement {
            if (pcr < 0 || pcr > 23) {
                throw new IllegalArgumentException("PCR " + pcr + " does not exist (0 to 23)");
            }
        }
    }

    public static int entrySize(HashAlgorithm bank) {
        return 4 + 4 + 4 + 2 + bank.digestLength() + 4 + NAME_FIELD;
    }

    public static byte[] write(HashAlgorithm bank, List<Measurement> measurements, int maxEntries) {
        if (measurements.size() > maxEntries || maxEntries > 0xffff) {
            throw new IllegalArgumentException(measurements.size() + " measurements do not fit a table of "
                    + maxEntries + " entries (at most 65535)");
        }
        int headerSize = 4 + 4 + 20 + 4 + SPEC_ID_SIZE + VENDOR_INFO_SIZE;
        ByteBuffer out = ByteBuffer.allocate(headerSize + maxEntries * entrySize(bank)).order(ByteOrder.LITTLE_ENDIAN);
        header(out, bank, maxEntries, measurements.size());
        for (Measurement m : measurements) {
            entry(out, bank, m);
        }
        return out.array();
    }

    /** Writes the log to {@code file} atomically: a temporary file, fsync, then rename. */
    public static void write(Path file, HashAlgorithm bank, List<Measurement> measurements, int maxEntries) {
        AtomicFiles.write(file, write(bank, measurements, maxEntries));
    }

    private static void header(ByteBuffer out, HashAlgorithm bank, int maxEntries, int entries) {
        out.putInt(0).putInt(EV_NO_ACTION).put(new byte[20]).putInt(SPEC_ID_SIZE + VENDOR_INFO_SIZE);
        out.put(SpecIdEvent.AGILE.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        out.putInt(PLATFORM_CLASS_CLIENT);
        out.put((byte) SPEC_VERSION_MINOR).put((byte) SPEC_VERSION_MAJOR).put((byte) SPEC_ERRATA);
        out.put((byte) UINTN_SIZE_64_BIT);
        out.putInt(1).putShort((short) bank.tcgId()).putShort((short) bank.digestLength());
        out.put((byte) VENDOR_INFO_SIZE);
        out.put((byte) 0).put((byte) VENDOR_VERSION_MAJOR).put((byte) VENDOR_VERSION_MINOR);
        out.putInt((int) CBT2).putShort((short) maxEntries).putShort((short) entries).putInt(entrySize(bank));
    }

    private static void entry(ByteBuffer out, HashAlgorithm bank, Measurement m) {
        if (m.digest().length() != bank.digestLength()) {
            throw new IllegalArgumentException("measurement \"" + m.name() + "\": " + m.digest().length()
                    + "-byte digest in a " + bank.bankName() + " log");
        }
        out.putInt(m.pcr()).putInt(EV_ACTION).putInt(1).putShort((short) bank.tcgId()).put(m.digest().toArray());
        out.putInt(NAME_FIELD).put(nameField(m.name()));
    }

    /** coreboot's name field: at most 49 bytes of the name, NUL-padded to 50. */
    static byte[] nameField(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] field = new byte[NAME_FIELD];
        System.arraycopy(bytes, 0, field, 0, Math.min(bytes.length, NAME_FIELD - 1));
        return field;
    }
}
