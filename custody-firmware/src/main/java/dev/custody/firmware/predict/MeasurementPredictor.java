package dev.custody.firmware.predict;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsType;
import dev.custody.firmware.heads.HeadsFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Predicts PCR 2 (coreboot's measurement of each CBFS file it loads, over the stored bytes) and
 * PCR 7 (Heads' cbfs-init: for each raw {@code heads/initrd/} file in CBFS order, the path
 * without {@code heads/initrd} and then the contents).
 */
public final class MeasurementPredictor {
    public static final int CRTM_PCR = 2;
    public static final int HEADS_PCR = 7;
    /** What coreboot on x86 loads, in order; files an image does not have are skipped. */
    public static final List<String> STANDARD_X86 = List.of("bootblock", "fallback/romstage", "mrc.bin", "fallback/postcar",
            "fallback/ramstage", "fallback/payload");

    private MeasurementPredictor() {}

    /** With the standard x86 sequence. */
    public static PcrPrediction predict(FirmwareImage image) {
        Cbfs cbfs = image.cbfs(Optional.empty());
        return predict(image, STANDARD_X86.stream().filter(name -> cbfs.file(name).isPresent()).toList());
    }

    /** With the names a coreboot log says were measured; each must exist in this image. */
    public static PcrPrediction predict(FirmwareImage image, List<String> measuredNames) {
        Cbfs cbfs = image.cbfs(Optional.empty());
        List<PredictedEvent> events = new ArrayList<>();
        for (String name : measuredNames) {
            CbfsFile file = cbfs.file(name).orElseThrow(() -> new IllegalArgumentException("coreboot measured CBFS file '"
                    + name + "', but this image has no such file, so its PCR 2 cannot be predicted"));
            events.add(PredictedEvent.of(CRTM_PCR, "CBFS: " + name, name, file.data()));
        }
        events.addAll(headsInitrdEvents(cbfs));
        return PcrPrediction.replay(events, List.of(CRTM_PCR, HEADS_PCR));
    }

    private static List<PredictedEvent> headsInitrdEvents(Cbfs cbfs) {
        List<PredictedEvent> events = new ArrayList<>();
        cbfs.files().stream()
                .filter(f -> f.type() == CbfsType.Known.RAW && f.name().startsWith(HeadsFiles.INITRD_PREFIX + "/"))
                .forEach(f -> {
                    String path = f.name().substring(HeadsFiles.INITRD_PREFIX.length());
                    events.add(PredictedEvent.of(HEADS_PCR, path, f.name(), path.getBytes(StandardCharsets.UTF_8)));
                    events.add(PredictedEvent.of(HEADS_PCR, path + " (contents)", f.name(), f.contents()));
                });
        return events;
    }
}
