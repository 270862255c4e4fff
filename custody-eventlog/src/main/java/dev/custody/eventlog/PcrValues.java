package dev.custody.eventlog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.custody.common.TerminalText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Actual PCR values, per bank, as read from a TPM or a file. The file format is the one
 * {@code custody eventlog replay --json} writes: {@code {"pcrs": {"sha256": {"0": "<hex>"}}}},
 * or just the inner {@code {"sha256": {...}}} object; or what {@code tpm2_pcrread} prints.
 */
public record PcrValues(Map<HashAlgorithm, SortedMap<Integer, Bytes>> banks) {
    private static final Pattern PCRREAD_BANK = Pattern.compile("\\s*(sha1|sha256|sha384|sha512|sm3_256)\\s*:\\s*");
    private static final Pattern PCRREAD_VALUE = Pattern.compile("\\s*(\\d{1,2})\\s*:\\s*(0x[0-9A-Fa-f]+)\\s*");

    public PcrValues {
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> copy = new LinkedHashMap<>();
        banks.forEach((bank, values) -> copy.put(bank, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
        banks = Collections.unmodifiableMap(copy);
    }

    /** {@link #parse} of a file's text; a parse error names the file. */
    public static PcrValues read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** Reads either format: replay --json's JSON, or the text {@code tpm2_pcrread} prints. */
    public static PcrValues parse(String text) {
        return text.strip().startsWith("{") ? fromJson(text) : fromPcrread(text);
    }

    static PcrValues fromPcrread(String text) {
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> banks = new LinkedHashMap<>();
        SortedMap<Integer, Bytes> current = null;
        HashAlgorithm bank = null;
        for (String line : text.lines().toList()) {
            Matcher header = PCRREAD_BANK.matcher(line);
            Matcher value = PCRREAD_VALUE.matcher(line);
            if (header.matches()) {
                bank = HashAlgorithm.byName(header.group(1)).orElseThrow();
                current = banks.computeIfAbsent(bank, b -> new TreeMap<>());
            } else if (value.matches() && current != null) {
                current.put(Integer.parseInt(value.group(1)), checkedHex(bank, value.group(1), value.group(2)));
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("PCR file: neither JSON nor tpm2_pcrread output (\""
                        + quoted(line.strip()) + "\")");
            }
        }
        if (banks.isEmpty()) {
            throw new IllegalArgumentException("PCR file: no PCR values in it");
        }
        return new PcrValues(banks);
    }

    public static PcrValues fromJson(String json) {
        Object root = readJson(json);
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
                    .orElseThrow(() -> new IllegalArgumentException("PCR file: unknown bank \"" + quoted(String.valueOf(name)) + "\""));
            banks.put(bank, bankValues(bank, values));
        });
        return new PcrValues(banks);
    }

    /** Objects as insertion-ordered maps; anything after the value, or a repeated member, is an error. */
    private static Object readJson(String json) {
        try {
            return StrictJson.MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException("PCR file: not valid JSON: " + oneLine(e.getOriginalMessage()) + where);
        }
    }

    /**
     * Built on first use: {@code eventlog replay}, a boot-time command, loads this class for
     * {@link #toJson} and must not pay for Jackson's reader (about 430 classes, 8 ms).
     */
    private static final class StrictJson {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** A piece of the file in a message: at most 60 characters, control characters shown escaped. */
    private static String quoted(String text) {
        return TerminalText.escape(text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }

    private static String oneLine(String message) {
        String text = message == null ? "unreadable" : message.replaceAll("\\p{Cntrl}", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static SortedMap<Integer, Bytes> bankValues(HashAlgorithm bank, Object values) {
        if (!(values instanceof Map<?, ?> byPcr)) {
            throw new IllegalArgumentException("PCR file: bank " + bank.bankName() + " must map PCR numbers to hex");
        }
        SortedMap<Integer, Bytes> out = new TreeMap<>();
        byPcr.forEach((pcr, hex) -> {
            // one spelling per PCR: "07" and "7" would otherwise both set PCR 7, the last one winning
            if (!String.valueOf(pcr).matches("0|[1-9]\\d?") || Integer.parseInt(String.valueOf(pcr)) > 31) {
                throw new IllegalArgumentException("PCR file: " + bank.bankName() + " PCR \""
                        + quoted(String.valueOf(pcr)) + "\" is not a PCR number (0 to 31)");
            }
            out.put(Integer.parseInt(String.valueOf(pcr)), checkedHex(bank, String.valueOf(pcr), hex));
        });
        return out;
    }

    private static Bytes checkedHex(HashAlgorithm bank, String pcr, Object hex) {
        if (!(hex instanceof String s) || !s.matches("(0x)?[0-9a-fA-F]{" + 2 * bank.digestLength() + "}")) {
            throw new IllegalArgumentException("PCR file: " + bank.bankName() + " PCR \"" + quoted(pcr) + "\": expected "
                    + 2 * bank.digestLength() + " hex digits");
        }
        return Bytes.fromHex(s);
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
