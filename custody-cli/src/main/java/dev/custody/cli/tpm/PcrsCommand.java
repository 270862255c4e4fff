package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.StandardOutput;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PcrTable;
import dev.custody.tpm.Tpm;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pcrs", mixinStandardHelpOptions = true,
        description = {"Show PCR values.",
            "JSON: {\"sha256\": {\"16\": \"<lower-case hex>\"}}, bank then PCR number as a string."})
public final class PcrsCommand implements Callable<Integer> {
    @Mixin TpmOptions tpmOptions;

    @Option(names = "--bank", paramLabel = "BANK", description = "sha1 or sha256 (default: every active bank).") PcrBank bank;

    @Option(names = "--pcrs", converter = PcrList.class, paramLabel = "LIST", description = "PCRs to show, e.g. 0,1,2 or 0-7 (default: 0-23).")
    String pcrs = "0-23";

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        PcrTable table;
        try (Tpm tpm = tpmOptions.open()) {
            table = PcrTable.read(tpm, Optional.ofNullable(bank), PcrPolicy.parseList(pcrs));
        }
        json.print(StandardOutput.writer(), table::toJson, table::lines);
        return 0;
    }
}
