package dev.custody.firmware.predict;

import dev.custody.firmware.Sha256;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Predicted events and the SHA-256 PCR values they replay to: every PCR starts at 32 zero bytes
 * and each event extends it as {@code new = SHA-256(old || digest)}.
 */
public record PcrPrediction(List<PredictedEvent> events, SortedMap<Integer, byte[]> pcrs) {
    public PcrPrediction {
        events = List.copyOf(events);
        pcrs = new TreeMap<>(pcrs);
    }

    public static PcrPrediction replay(List<PredictedEvent> events, List<Integer> reported) {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        reported.forEach(pcr -> pcrs.put(pcr, new byte[Sha256.LENGTH]));
        for (PredictedEvent event : events) {
            pcrs.merge(event.pcr(), Sha256.of(new byte[Sha256.LENGTH], event.sha256()),
                    (old, ignored) -> Sha256.of(old, event.sha256()));
        }
        return new PcrPrediction(events, pcrs);
    }

    public Map<Integer, String> pcrsHex() {
        Map<Integer, String> hex = new TreeMap<>();
        pcrs.forEach((pcr, value) -> hex.put(pcr, Sha256.hex(value)));
        return hex;
    }
}
