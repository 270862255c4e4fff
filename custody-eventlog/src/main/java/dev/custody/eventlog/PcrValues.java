package dev.custody.eventlog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Actual PCR values, per bank, as read from a TPM or a file. The file format is the one
 * {@code custody eventlog replay --json} writes: {@code {"pcrs": {"sha256": {"0": "<hex>"}}}},
 * or just the inner {@code {"sha256": {...}}} object.
 */
public record PcrValues(Map<HashAlgorithm, SortedMap<Integer, Bytes>> banks) {

    public PcrValues {
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> copy = new LinkedHashMap<>();
        banks.forEach((bank, values) -> copy.put(bank, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
        banks = Collections.unmodifiableMap(copy);
    }

    public static PcrValues fromJson(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException("PCR file: expected a JSON object");
        }
        Object pcrs = top.containsKey("pcrs") ? top.get("pcrs") : top;
        if (!(pcrs instanceof Map<?, ?> byBank)) {
            throw new IllegalArgumentException("PCR file: \"pcrs\" must be an object of banks");
        }
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> banks = new LinkedHashMap<>();
        byBank.forEach((name, values) -> {
            HashAlgorithm bank = HashAlgorithm.byName(String.valueOf(name))
                    .orElseThrow(() -> new IllegalArgumentException("PCR file: unknown bank \"" + name + "\""));
            banks.put(bank, bankValues(bank, values));
        });
        return new PcrValues(banks);
    }

    private static SortedMap<Integer, Bytes> bankValues(HashAlgorithm bank, Object values) {
        if (!(values instanceof Map<?, ?> byPcr)) {
            throw new IllegalArgumentException("PCR file: bank " + bank.bankName() + " must map PCR numbers to hex");
        }
        SortedMap<Integer, Bytes> out = new TreeMap<>();
        byPcr.forEach((pcr, hex) -> {
            String where = "PCR file: " + bank.bankName() + " PCR \"" + pcr + "\"";
            if (!String.valueOf(pcr).matches("\\d{1,2}") || Integer.parseInt(String.valueOf(pcr)) > 31) {
                throw new IllegalArgumentException(where + " is not a PCR number (0 to 31)");
            }
            if (!(hex instanceof String s) || !s.matches("(0x)?[0-9a-fA-F]{" + 2 * bank.digestLength() + "}")) {
                throw new IllegalArgumentException(where + ": expected " + 2 * bank.digestLength() + " hex digits");
            }
            out.put(Integer.parseInt(String.valueOf(pcr)), Bytes.fromHex(s));
        });
        return out;
    }

    /** The same shape as the "pcrs" member of replay --json: bank name to PCR number (string) to hex. */
    public static Map<String, Object> toJson(Map<HashAlgorithm, ? extends Map<Integer, Bytes>> banks) {
        Map<String, Object> out = new LinkedHashMap<>();
        banks.forEach((bank, values) -> {
            Map<String, Object> pcrs = new LinkedHashMap<>();
            values.forEach((pcr, value) -> pcrs.put(String.valueOf(pcr), value.hex()));
            out.put(bank.bankName(), pcrs);
        });
        return out;
    }
}
