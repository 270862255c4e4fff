package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.Tpm;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pcrs", mixinStandardHelpOptions = true,
        description = {"Show PCR values.",
            "JSON: {\"sha256\": {\"16\": \"<lower-case hex>\"}}, bank then PCR number as a string."})
final class PcrsCommand implements Callable<Integer> {
    @Mixin
    TpmOptions tpmOptions;

    @Option(names = "--bank", paramLabel = "BANK", description = "sha1 or sha256 (default: every active bank).")
    PcrBank bank;

    @Option(names = "--pcrs", converter = PcrList.class, paramLabel = "LIST", description = "PCRs to show, e.g. 0,1,2 or 0-7 (default: 0-23).")
    String pcrs = "0-23";

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        List<Integer> selected = PcrPolicy.parseList(pcrs);
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        try (Tpm tpm = tpmOptions.open()) {
            List<PcrBank> banks = bank == null ? tpm.activeBanks() : List.of(bank);
            for (PcrBank b : banks) {
                SortedMap<Integer, byte[]> read = tpm.readPcrs(b, selected);
                Map<String, String> hex = new LinkedHashMap<>();
                read.forEach((pcr, value) -> hex.put(String.valueOf(pcr), HexFormat.of().formatHex(value)));
                values.put(b.label(), hex);
            }
        }
        if (json.requested()) {
            System.out.println(Json.write(values));
        } else {
            values.forEach((b, bankValues) -> {
                System.out.println(b + ":");
                bankValues.forEach((pcr, hex) -> System.out.printf("  %2s: %s%n", pcr, hex));
            });
        }
        return 0;
    }
}
