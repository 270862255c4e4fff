package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.PcrTable;
import dev.custody.tpm.Tpm;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "extend", mixinStandardHelpOptions = true,
        description = {"Measure data into a PCR.",
            "Extends the SHA-256 bank with SHA-256 of the data, the SHA-1 bank (if active) with SHA-1 of it,",
            "and likewise any other active bank."})
public final class ExtendCommand implements Callable<Integer> {
    @Mixin TpmOptions tpmOptions;

    @Option(names = "--pcr", required = true, paramLabel = "N", description = "The PCR to extend (0-23).") int pcr;

    @ArgGroup(exclusive = true, multiplicity = "1") Input input;

    @Mixin JsonOutput output;

    static final class Input {
        @Option(names = "--data", paramLabel = "TEXT", description = "Measure this text (UTF-8, no newline added).") String data;

        @Option(names = "--file", paramLabel = "F", description = "Measure the contents of this file.") Path file;

        byte[] bytes() {
            return PcrTable.measuredData(data, file);
        }
    }

    @Override
    public Integer call() {
        byte[] measured = input.bytes();
        try (Tpm tpm = tpmOptions.open()) {
            PcrTable now = PcrTable.measure(tpm, pcr, measured);
            output.print(now.toJson(), String.join("\n", now.assignments()));
        }
        return 0;
    }
}
