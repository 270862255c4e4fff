package dev.custody.cli.rom;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.common.TerminalText;
import dev.custody.eventlog.Event;
import dev.custody.eventlog.EventContent;
import dev.custody.eventlog.EventDecoder;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.firmware.predict.PredictedEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
final class PredictCommand implements Callable<Integer> {
    @Mixin
    RomImage rom;

    @Option(names = "--eventlog", paramLabel = "LOG", description = {"The measurement log of the current boot: the text 'cbmem -L' prints,",
        "or a binary log (coreboot table, CBT1/CBT2, TCG crypto-agile)."})
    Optional<Path> eventlog;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FirmwareImage image = rom.read();
        PcrPrediction prediction = eventlog.isPresent()
                ? MeasurementPredictor.predict(image, measuredCbfsNames(eventlog.get()))
                : MeasurementPredictor.predict(image);
        PrintWriter out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.write(report(prediction)));
        } else {
            prediction.events().forEach(e -> out.print(TerminalText.format("PCR-%d %s %s%n", e.pcr(), e.sha256Hex(), e.description())));
            prediction.pcrsHex().forEach((pcr, value) -> out.printf("PCR %d (sha256): %s%n", pcr, value));
        }
        out.flush();
        return 0;
    }

    /**
     * The CBFS files coreboot measured into PCR 2, in order. Any other measurement there means
     * the log is not coreboot's (UEFI firmware puts option ROMs in PCR 2), and a prediction
     * from it would be wrong, so it is refused rather than skipped.
     */
    static List<String> measuredCbfsNames(Path file) throws IOException {
        EventLog log = EventLogs.read(file);
        List<String> names = new ArrayList<>();
        for (Event event : log.events()) {
            if (event.pcr() != MeasurementPredictor.CRTM_PCR || !event.extendsPcr()) {
                continue;
            }
            switch (EventDecoder.decode(event, log.format())) {
                case EventContent.CbfsFile cbfs -> names.add(cbfs.name());
                case EventContent other -> throw new IllegalArgumentException("event " + event.index() + " of "
                        + file + " (" + log.format().description() + ") extends PCR 2 with " + other.describe()
                        + ", not a CBFS file: only coreboot's PCR 2 can be predicted from the image");
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(file + " (" + log.format().description()
                    + ") measures no CBFS file into PCR 2: it is not the log of a coreboot boot with measured boot");
        }
        return names;
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
