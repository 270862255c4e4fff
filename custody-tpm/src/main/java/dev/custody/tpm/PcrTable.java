package dev.custody.tpm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.SortedMap;
import java.util.TreeMap;

/** PCR values by bank: what {@code tpm pcrs} shows, and the PCR {@code tpm extend} changed. */
public record PcrTable(SequencedMap<PcrBank, SortedMap<Integer, byte[]>> banks) {

    /** The values of {@code pcrs} in {@code bank}, or in every active bank when none is named. */
    public static PcrTable read(Tpm tpm, Optional<PcrBank> bank, List<Integer> pcrs) {
        SequencedMap<PcrBank, SortedMap<Integer, byte[]>> banks = new LinkedHashMap<>();
        for (PcrBank each : bank.map(List::of).orElseGet(tpm::activeBanks)) {
            banks.put(each, tpm.readPcrs(each, pcrs));
        }
        return new PcrTable(banks);
    }

    /** What {@code tpm extend} measures: {@code text} in UTF-8 (no newline added) when given, else the file's contents. */
    public static byte[] measuredData(String text, Path file) {
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Measures {@code data} into {@code pcr} ({@link Tpm#measure}): the PCR's value after, per active bank. */
    public static PcrTable measure(Tpm tpm, int pcr, byte[] data) {
        SequencedMap<PcrBank, SortedMap<Integer, byte[]>> banks = new LinkedHashMap<>();
        tpm.measure(pcr, data).forEach((bank, value) -> banks.put(bank, new TreeMap<>(Map.of(pcr, value))));
        return new PcrTable(banks);
    }

    /** {"sha256": {"16": "<lower-case hex>"}}: bank, then the PCR number as a string. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        banks.forEach((bank, values) -> {
            Map<String, String> hex = new LinkedHashMap<>();
            values.forEach((pcr, value) -> hex.put(String.valueOf(pcr), HexFormat.of().formatHex(value)));
            json.put(bank.label(), hex);
        });
        return json;
    }

    /** A bank's label on a line, then one line a PCR: "  16: <hex>". */
    public List<String> lines() {
        return banks.entrySet().stream().flatMap(bank -> java.util.stream.Stream.concat(
                java.util.stream.Stream.of(bank.getKey().label() + ":"),
                bank.getValue().entrySet().stream().map(pcr -> String.format("  %2s: %s", pcr.getKey(),
                        HexFormat.of().formatHex(pcr.getValue()))))).toList();
    }

    /** One line a bank and PCR: "sha256:16 = <hex>". */
    public List<String> assignments() {
        return banks.entrySet().stream().flatMap(bank -> bank.getValue().entrySet().stream()
                .map(pcr -> bank.getKey().label() + ":" + pcr.getKey() + " = " + HexFormat.of().formatHex(pcr.getValue())))
                .toList();
    }
}
