package dev.custody.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The header event of a TCG log: "Spec ID Event03" (crypto-agile, with digest sizes) or
 * "Spec ID Event00" (TPM 1.2). coreboot marks its own tables with vendor info magic CBT1/CBT2.
 *
 * @param digestSizes algorithm id to digest length, as the header announces them, in order
 */
record SpecIdEvent(String signature, Map<Integer, Integer> digestSizes, Bytes vendorInfo) {

    static final String AGILE = "Spec ID Event03";
    static final String TPM12 = "Spec ID Event00";
    private static final long CBT1 = 0x31544243L;
    private static final long CBT2 = 0x32544243L;
    private static final int MAX_ALGORITHMS = 16;

    SpecIdEvent {
        digestSizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(digestSizes));
    }

    static Optional<String> signatureOf(Bytes data) {
        if (data.length() < 16) {
            return Optional.empty();
        }
        String signature = new String(data.slice(0, 15).toArray(), StandardCharsets.US_ASCII);
        return signature.equals(AGILE) || signature.equals(TPM12) ? Optional.of(signature) : Optional.empty();
    }

    /** Reads the event data of a header event whose signature {@link #signatureOf} recognised. */
    static SpecIdEvent parse(Bytes data, String signature) {
        byte[] raw = data.toArray();
        ByteReader r = new ByteReader(raw);
        r.item("event 0 (Spec ID header, offset within its data)");
        r.skip(16, "signature");
        r.u32("platformClass");
        r.u8("specVersionMinor");
        r.u8("specVersionMajor");
        r.u8("specErrata");
        r.u8("uintnSize");
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        if (signature.equals(AGILE)) {
            int at = r.position();
            long count = r.u32("numberOfAlgorithms");
            if (count == 0 || count > MAX_ALGORITHMS) {
                throw r.fail("numberOfAlgorithms", at, "announces " + count + " algorithms (expected 1 to " + MAX_ALGORITHMS + ")");
            }
            for (int i = 0; i < count; i++) {
                int algorithm = r.u16("digestSizes[" + i + "].algorithmId");
                int sizeAt = r.position();
                int size = r.u16("digestSizes[" + i + "].digestSize");
                Optional<HashAlgorithm> known = HashAlgorithm.byTcgId(algorithm);
                if (known.isPresent() && known.get().digestLength() != size) {
                    throw r.fail("digestSizes[" + i + "].digestSize", sizeAt, known.get().bankName() + " digests are "
                            + known.get().digestLength() + " bytes, not " + size);
                }
                sizes.put(algorithm, size);
            }
        } else {
            sizes.put(HashAlgorithm.SHA1.tcgId(), HashAlgorithm.SHA1.digestLength());
        }
        int vendorSize = r.u8("vendorInfoSize");
        return new SpecIdEvent(signature, sizes, r.bytes(vendorSize, "vendorInfo"));
    }

    /** coreboot's table size, when the vendor info carries its magic; the rest of the table is zero. */
    Optional<CorebootVendorInfo> coreboot() {
        if (vendorInfo.length() < 15) {
            return Optional.empty();
        }
        ByteReader r = new ByteReader(vendorInfo.toArray());
        r.skip(3, "reserved and version");
        long magic = r.u32("magic");
        int max = r.u16("max_entries");
        int count = r.u16("num_entries");
        if (magic == CBT1 && signature.equals(TPM12)) {
            return Optional.of(new CorebootVendorInfo(LogFormat.COREBOOT_TPM1, max, count));
        }
        if (magic == CBT2 && signature.equals(AGILE)) {
            return Optional.of(new CorebootVendorInfo(LogFormat.COREBOOT_TPM2, max, count));
        }
        return Optional.empty();
    }

    record CorebootVendorInfo(LogFormat format, int maxEntries, int numEntries) {}
}
