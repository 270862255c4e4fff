package dev.custody.eventlog;

import static dev.custody.eventlog.EventType.Tcg.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flags events whose digest does not cover their own data, for the event types where the TCG PC
 * Client specification says it must (actions, separators, IPL strings, variables, GPT). A
 * mismatch means the log was edited after measurement, or the firmware logged something other
 * than what it measured.
 */
public final class DigestCheck {
    /** Types whose digest is the hash of the whole event data. */
    private static final Set<EventType> WHOLE_DATA = Set.of(EV_SEPARATOR, EV_EFI_ACTION,
            EV_EFI_VARIABLE_DRIVER_CONFIG, EV_EFI_GPT_EVENT);

    /**
     * Boot loaders log command lines in PCR 8 as EV_IPL; in PCRs 9 and 14 the EV_IPL data names a
     * file or MOK variable whose content was measured, so there is nothing to compare.
     */
    private static final int COMMAND_LINE_PCR = 8;
    /** GRUB logs "grub_cmd: X" but measures X. */
    private static final List<String> GRUB_PREFIXES =
            List.of("grub_cmd: ", "kernel_cmdline: ", "module_cmdline: ", "grub_kernel_cmdline ");

    private DigestCheck() {}

    /** An event whose digests in {@code banks} are not the hash of its data. */
    public record Mismatch(Event event, List<HashAlgorithm> banks) {
        public String describe() {
            return event.label() + ": " + String.join(", ", banks.stream().map(HashAlgorithm::bankName).toList())
                    + " digest does not match the event data";
        }
    }

    public static List<Mismatch> check(EventLog log) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (Event event : log.events()) {
            List<Bytes> covered = coveredData(event, log.format());
            if (covered.isEmpty()) {
                continue;
            }
            List<HashAlgorithm> bad = new ArrayList<>();
            for (Map.Entry<HashAlgorithm, Bytes> digest : event.digests().entrySet()) {
                HashAlgorithm bank = digest.getKey();
                if (covered.stream().noneMatch(data -> bank.digest(data.toArray()).equals(digest.getValue()))) {
                    bad.add(bank);
                }
            }
            if (!bad.isEmpty()) {
                mismatches.add(new Mismatch(event, bad));
            }
        }
        return mismatches;
    }

    /**
     * The data the digest may cover; empty when the spec lets the digest cover something not in
     * the log (an image, a firmware region, a CBFS file). Variants reflect firmware that differs
     * on trailing NULs or on hashing a boot variable's value or the whole structure.
     */
    private static List<Bytes> coveredData(Event event, LogFormat format) {
        Bytes data = event.data();
        if (WHOLE_DATA.contains(event.type()) || (event.type() == EV_ACTION && !format.isCoreboot())) {
            return List.of(data);
        }
        if (event.type() == EV_IPL && event.pcr() == COMMAND_LINE_PCR) {
            return commandLineVariants(data);
        }
        if (event.type() == EV_EFI_VARIABLE_BOOT || event.type() == EV_EFI_VARIABLE_BOOT2) {
            return UefiVariables.value(data).map(value -> List.of(value, data)).orElse(List.of(data));
        }
        return List.of();
    }

    private static List<Bytes> commandLineVariants(Bytes data) {
        Bytes trimmed = data.slice(0, Text.withoutTrailingNuls(data, 1));
        List<Bytes> variants = new ArrayList<>(List.of(data, trimmed));
        Text.ascii(trimmed).ifPresent(text -> GRUB_PREFIXES.stream().filter(text::startsWith)
                .forEach(prefix -> variants.add(Bytes.of(text.substring(prefix.length()).getBytes(StandardCharsets.US_ASCII)))));
        return variants;
    }
}
