package dev.custody.cli.rom;

import dev.custody.cli.JsonOutput;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.machine.PredictedLogs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the PCR 2 (coreboot) and PCR 7 (Heads cbfs-init) values this image will produce.",
            "PCR 2 follows the CBFS names coreboot measured in --eventlog or, without it, the standard x86 sequence.",
            "--json prints {\"pcrs\": {\"sha256\": {\"2\": ..., \"7\": ...}}, \"events\": [...]}."})
public final class PredictCommand implements Callable<Integer> {
    @Mixin RomImage rom;

    @Option(names = "--eventlog", paramLabel = "LOG", description = {"The measurement log of the current boot: the text 'cbmem -L' prints,",
        "or a binary log (coreboot table, CBT1/CBT2, TCG crypto-agile)."})
    Optional<Path> eventlog;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FirmwareImage image = rom.read();
        PcrPrediction prediction = eventlog.isPresent()
                ? MeasurementPredictor.predict(image, PredictedLogs.corebootSequence(eventlog.get()))
                : MeasurementPredictor.predict(image);
        json.print(spec.commandLine().getOut(), prediction::toJson, prediction::lines);
        return 0;
    }
}
