package dev.custody.eventlog;

import dev.custody.eventlog.pe.Authenticode;
import dev.custody.eventlog.pe.PeImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The PCRs of the next boot when one EFI boot application (a kernel with its EFI stub, a unified
 * kernel image, a boot loader) is replaced: the current log replayed with the firmware's PCR 4
 * EV_EFI_BOOT_SERVICES_APPLICATION event for it carrying the new image's Authenticode digest.
 * What the new image itself measures later cannot be known from the image: the EFI stub's
 * initrd and command line (PCR 9) and a boot loader's commands (PCR 8) are left out.
 */
public final class BootApplicationUpdate {
    public static final int BOOT_APPLICATION_PCR = 4;
    /** PCRs a kernel update changes in ways an image does not tell. */
    public static final Map<Integer, String> NOT_PREDICTED = Map.of(
            8, "boot loader commands (GRUB measures its command lines, which name the kernel version)",
            9, "the initrd and kernel command line, which the kernel's EFI stub (or GRUB) measures");

    private BootApplicationUpdate() {}

    /** Which logged application the new image replaces. */
    public sealed interface Target {
        /** The only boot application the log has in PCR 4. */
        record OnlyOne() implements Target {}

        /** The application whose image is {@code image} (the running kernel, say). */
        record Image(String name, byte[] image) implements Target {}
    }

    public sealed interface Prediction {
        /**
         * @param log the predicted log, in the current log's format
         * @param replaced the events that were replaced, as labels
         * @param pcrs per bank, every PCR the log touches except those in {@link #NOT_PREDICTED}
         */
        record Predicted(byte[] log, List<String> replaced, Map<HashAlgorithm, SortedMap<Integer, Bytes>> pcrs,
                         List<String> warnings) implements Prediction {}

        record Impossible(String reason) implements Prediction {}
    }

    public static Prediction predict(byte[] currentLog, byte[] newImage, Target target) {
        EventLog log;
        try {
            log = EventLogs.parse(currentLog);
        } catch (MalformedLogException e) {
            return new Prediction.Impossible("the measurement log of this boot cannot be read: " + e.getMessage());
        }
        if (log.format() != LogFormat.CRYPTO_AGILE && log.format() != LogFormat.TCG_SHA1) {
            return new Prediction.Impossible("the measurement log is a " + log.format().description()
                    + ", not a UEFI firmware's TCG log: no EFI boot application is measured");
        }
        List<Event> applications = log.events().stream()
                .filter(e -> e.pcr() == BOOT_APPLICATION_PCR && e.type() == EventType.Tcg.EV_EFI_BOOT_SERVICES_APPLICATION)
                .toList();
        if (applications.isEmpty()) {
            return new Prediction.Impossible("the measurement log has no EV_EFI_BOOT_SERVICES_APPLICATION event in PCR 4: "
                    + "the firmware measured no boot application, so there is nothing to replace");
        }
        PeImage parsed;
        try {
            parsed = PeImage.parse(newImage);
        } catch (RuntimeException e) {
            return new Prediction.Impossible("the new image is not an EFI application: " + e.getMessage());
        }
        Optional<List<Event>> chosen = switch (target) {
            case Target.OnlyOne only -> applications.size() == 1 ? Optional.of(applications) : Optional.empty();
            case Target.Image image -> Optional.of(matching(applications, image.image()));
        };
        if (chosen.isEmpty()) {
            return new Prediction.Impossible("ambiguous: the log has " + applications.size() + " boot applications in PCR 4 ("
                    + labels(applications) + "); name the image being replaced");
        }
        if (chosen.get().isEmpty()) {
            String name = ((Target.Image) target).name();
            return new Prediction.Impossible("no EV_EFI_BOOT_SERVICES_APPLICATION event in PCR 4 has the Authenticode digest of "
                    + name + " (the log has " + labels(applications) + "): this boot did not load it through the firmware");
        }
        Map<Integer, Map<HashAlgorithm, Bytes>> replacements = new LinkedHashMap<>();
        for (Event event : chosen.get()) {
            Map<HashAlgorithm, Bytes> digests = new LinkedHashMap<>();
            event.digests().keySet().forEach(bank -> digests.put(bank, Authenticode.digest(newImage, parsed, bank)));
            replacements.put(event.index(), digests);
        }
        byte[] predicted = DigestRewrite.rewrite(currentLog, log, replacements);
        Replay replay = Replayer.replay(EventLogs.parse(predicted));
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> pcrs = new LinkedHashMap<>();
        replay.pcrs().forEach((bank, values) -> {
            SortedMap<Integer, Bytes> kept = new TreeMap<>(values);
            kept.keySet().removeAll(NOT_PREDICTED.keySet());
            pcrs.put(bank, kept);
        });
        return new Prediction.Predicted(predicted, chosen.get().stream().map(Event::label).toList(), pcrs, replay.warnings());
    }

    /** Events whose digest, in every bank they carry, is {@code image}'s Authenticode digest. */
    private static List<Event> matching(List<Event> applications, byte[] image) {
        PeImage parsed;
        try {
            parsed = PeImage.parse(image);
        } catch (RuntimeException e) {
            return List.of();
        }
        Set<HashAlgorithm> banks = applications.stream().flatMap(e -> e.digests().keySet().stream()).collect(Collectors.toSet());
        Map<HashAlgorithm, Bytes> digests = new LinkedHashMap<>();
        banks.forEach(bank -> digests.put(bank, Authenticode.digest(image, parsed, bank)));
        return applications.stream()
                .filter(e -> !e.digests().isEmpty() && e.digests().entrySet().stream()
                        .allMatch(d -> d.getValue().equals(digests.get(d.getKey()))))
                .toList();
    }

    private static String labels(List<Event> events) {
        return events.stream().map(Event::label).collect(Collectors.joining(", "));
    }
}
