package dev.custody.cli.rom;

import dev.custody.cli.Json;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.predict.CbmemLog;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.firmware.predict.PredictedEvent;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the PCR 2 (coreboot) and PCR 7 (Heads cbfs-init) values this image will produce.",
            "PCR 2 follows the CBFS names in --eventlog (cbmem -L output) or, without it, the standard x86 sequence."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ROM", description = "The firmware image.")
    Path rom;

    @Option(names = "--eventlog", paramLabel = "LOG", description = "A coreboot log as 'cbmem -L' prints it, from the current boot.")
    Optional<Path> eventlog;

    @Option(names = "--json", description = "Print {\"pcrs\": {\"sha256\": {\"2\": ..., \"7\": ...}}, \"events\": [...]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FirmwareImage image = FirmwareImage.read(rom);
        PcrPrediction prediction = eventlog.isPresent()
                ? MeasurementPredictor.predict(image, CbmemLog.measuredCbfsNames(Files.readString(eventlog.get()),
                        MeasurementPredictor.CRTM_PCR))
                : MeasurementPredictor.predict(image);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report(prediction)));
        } else {
            prediction.events().forEach(e -> out.printf("PCR-%d %s %s%n", e.pcr(), e.sha256Hex(), e.description()));
            prediction.pcrsHex().forEach((pcr, value) -> out.printf("PCR %d (sha256): %s%n", pcr, value));
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> report(PcrPrediction prediction) {
        Map<String, Object> sha256 = new LinkedHashMap<>();
        prediction.pcrsHex().forEach((pcr, value) -> sha256.put(Integer.toString(pcr), value));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pcrs", Map.of("sha256", sha256));
        report.put("events", prediction.events().stream().map(PredictCommand::event).toList());
        return report;
    }

    private static Map<String, Object> event(PredictedEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pcr", event.pcr());
        out.put("description", event.description());
        out.put("cbfsName", event.cbfsName());
        out.put("digests", Map.of("sha256", event.sha256Hex()));
        return out;
    }
}
