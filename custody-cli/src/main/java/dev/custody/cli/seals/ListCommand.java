package dev.custody.cli.seals;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.common.TerminalText;
import dev.custody.seals.store.SealMetadata;
import dev.custody.seals.store.SealStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the enrolled seals. Listing verifies no signature; seals check does."})
final class ListCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        SealStore store = storeOptions.store();
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
        if (json.requested()) {
            System.out.println(Json.write(Map.of("store", store.directory().toString(), "seals", seals)));
            return 0;
        }
        if (seals.isEmpty()) {
            System.out.println("No seals enrolled in " + store.directory());
            return 0;
        }
        System.out.println("Seals in " + store.directory() + ":");
        for (Map<String, Object> seal : seals) {
            System.out.print(TerminalText.format("  %-20s enrolled %s, signed by %s%s%s%n", seal.get("name"), seal.get("enrolled"),
                    seal.get("signer"), seal.get("roi") == null ? "" : ", roi " + seal.get("roi"),
                    Boolean.TRUE.equals(seal.get("encrypted")) ? ", encrypted" : ""));
        }
        return 0;
    }
}
