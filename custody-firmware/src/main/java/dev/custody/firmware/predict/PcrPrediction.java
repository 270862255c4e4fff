package dev.custody.firmware.predict;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import dev.custody.firmware.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Predicted events and the SHA-256 PCR values they replay to: every PCR starts at 32 zero bytes
 * and each event extends it as {@code new = SHA-256(old || digest)}. {@link #sha1Pcrs} gives the
 * values a TPM 1.2 reaches with the same events (20 zero bytes, SHA-1).
 */
public record PcrPrediction(List<PredictedEvent> events, SortedMap<Integer, byte[]> pcrs) {
    public PcrPrediction {
        events = List.copyOf(events);
        pcrs = new TreeMap<>(pcrs);
    }

    public static PcrPrediction replay(List<PredictedEvent> events, List<Integer> reported) {
        return new PcrPrediction(events, replay(events, reported, PredictedEvent::sha256, Sha256.LENGTH, Sha256::of));
    }

    /** The PCR values on a TPM 1.2, whose PCRs hold SHA-1 values. */
    public SortedMap<Integer, byte[]> sha1Pcrs() {
        return replay(events, List.copyOf(pcrs.keySet()), PredictedEvent::sha1, PredictedEvent.SHA1_LENGTH,
                PredictedEvent::sha1);
    }

    private static SortedMap<Integer, byte[]> replay(List<PredictedEvent> events, List<Integer> reported,
                                                     Function<PredictedEvent, byte[]> digest, int length,
                                                     Function<byte[][], byte[]> hash) {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        reported.forEach(pcr -> pcrs.put(pcr, new byte[length]));
        for (PredictedEvent event : events) {
            byte[] old = pcrs.getOrDefault(event.pcr(), new byte[length]);
            pcrs.put(event.pcr(), hash.apply(new byte[][] {old, digest.apply(event)}));
        }
        return pcrs;
    }

    public Map<Integer, String> pcrsHex() {
        Map<Integer, String> hex = new TreeMap<>();
        pcrs.forEach((pcr, value) -> hex.put(pcr, Sha256.hex(value)));
        return hex;
    }

    /** What {@code rom predict} prints: each event, then each predicted PCR. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        events.forEach(e -> lines.add(TerminalText.format("PCR-%d %s %s", e.pcr(), e.sha256Hex(), e.description())));
        pcrsHex().forEach((pcr, value) -> lines.add(String.format("PCR %d (sha256): %s", pcr, value)));
        return lines;
    }

    /** {@code {"pcrs": {"sha256": {"2": ..., "7": ...}}, "events": [...]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> sha256 = object();
        pcrsHex().forEach((pcr, value) -> sha256.put(Integer.toString(pcr), value));
        return object("pcrs", Map.of("sha256", sha256),
                "events", events.stream().map(e -> object("pcr", e.pcr(), "description", e.description(),
                        "cbfsName", e.cbfsName(), "digests", Map.of("sha256", e.sha256Hex()))).toList());
    }
}
