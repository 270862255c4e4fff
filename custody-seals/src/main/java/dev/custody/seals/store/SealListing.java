package dev.custody.seals.store;

import dev.custody.common.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The enrolled seals as {@code seals list} shows them; listing verifies no signature. */
public record SealListing(SealStore store, List<Map<String, Object>> seals) {

    public static SealListing of(SealStore store) {
        List<Map<String, Object>> seals = new ArrayList<>();
        for (String name : store.names()) {
            SealMetadata m = store.unverifiedMetadata(name);
            Map<String, Object> seal = new LinkedHashMap<>();
            seal.put("name", m.name());
            seal.put("enrolled", m.enrolled().toString());
            seal.put("signer", m.signer());
            seal.put("roi", m.roi().map(r -> r.x() + "," + r.y() + "," + r.w() + "," + r.h()).orElse(null));
            seal.put("encrypted", m.encrypted());
            seals.add(seal);
        }
        return new SealListing(store, seals);
    }

    /** The store, then its seals: a fixed order, as every other command's JSON has. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", store.directory().toString());
        json.put("seals", seals);
        return json;
    }

    public List<String> lines() {
        if (seals.isEmpty()) {
            return List.of("No seals enrolled in " + store.directory());
        }
        List<String> lines = new ArrayList<>(List.of("Seals in " + store.directory() + ":"));
        for (Map<String, Object> seal : seals) {
            lines.add(TerminalText.format("  %-20s enrolled %s, signed by %s%s%s", seal.get("name"), seal.get("enrolled"),
                    seal.get("signer"), seal.get("roi") == null ? "" : ", roi " + seal.get("roi"),
                    Boolean.TRUE.equals(seal.get("encrypted")) ? ", encrypted" : ""));
        }
        return lines;
    }
}
