package dev.custody.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Replays a parsed log per bank, the way a TPM would have computed it. Knows the start values:
 * PCR 0 starts at the startup locality (3, or 4 after an H-CRTM sequence), PCRs 17-22 (DRTM)
 * start all-0xFF, everything else at zero. EV_NO_ACTION events are never extended.
 */
public final class Replayer {
    private static final byte[] STARTUP_LOCALITY = "StartupLocality\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HCRTM_LOCALITY = 4;

    private Replayer() {}

    public static Replay replay(EventLog log) {
        Set<HashAlgorithm> banks = banks(log);
        List<String> warnings = new ArrayList<>(bankWarnings(log, banks));
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> pcrs = new LinkedHashMap<>();
        for (HashAlgorithm bank : banks) {
            pcrs.put(bank, replayBank(log, bank, warnings));
        }
        return new Replay(pcrs, warnings);
    }

    /** PCRs 0-23: the PC Client platform's set, which {@link #replayAllPcrs} reports in full. */
    public static final int PLATFORM_PCRS = 24;

    /**
     * As {@link #replay}, plus every PCR 0-23 the log leaves untouched at the value the TPM resets
     * it to: all-0xFF for the DRTM PCRs 17-22 (the TCG PC Client Platform TPM Profile resets them
     * so at start-up; only a DRTM launch at locality 4 sets them to zero), zero for the others,
     * PCR 0 with its startup locality.
     */
    public static Replay replayAllPcrs(EventLog log) {
        Replay touched = replay(log);
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> all = new LinkedHashMap<>();
        touched.pcrs().forEach((bank, values) -> {
            SortedMap<Integer, Bytes> full = new TreeMap<>(values);
            for (int pcr = 0; pcr < PLATFORM_PCRS; pcr++) {
                full.putIfAbsent(pcr, startValue(log, bank, pcr));
            }
            all.put(bank, full);
        });
        return new Replay(all, touched.warnings());
    }

    /** The banks to replay: those the events carry, or for a log without extends, those it announces. */
    static Set<HashAlgorithm> banks(EventLog log) {
        Set<HashAlgorithm> present = log.banksPresent();
        return present.isEmpty() ? new LinkedHashSet<>(log.announcedBanks()) : present;
    }

    /** Every value PCR {@code pcr} takes in {@code bank}: the start value, then one per extend. */
    public static List<Bytes> history(EventLog log, HashAlgorithm bank, int pcr) {
        List<Bytes> values = new ArrayList<>();
        Bytes value = startValue(log, bank, pcr);
        values.add(value);
        for (Event event : log.events()) {
            Optional<Bytes> digest = event.digest(bank);
            if (event.extendsPcr() && event.pcr() == pcr && digest.isPresent()) {
                value = bank.extend(value, digest.get());
                values.add(value);
            }
        }
        return values;
    }

    public static Bytes startValue(EventLog log, HashAlgorithm bank, int pcr) {
        if (pcr >= 17 && pcr <= 22) {
            return Bytes.filled(bank.digestLength(), 0xff);
        }
        byte[] zero = new byte[bank.digestLength()];
        if (pcr == 0) {
            zero[zero.length - 1] = (byte) startupLocality(log).orElse(0).intValue();
        }
        return Bytes.of(zero);
    }

    /**
     * The locality PCR 0 was reset at: 4 when the first PCR 0 measurement is an H-CRTM event,
     * else what a StartupLocality EV_NO_ACTION event says, if any.
     */
    public static Optional<Integer> startupLocality(EventLog log) {
        for (Event event : log.events()) {
            if (event.pcr() != 0) {
                continue;
            }
            if (event.type() == EventType.Tcg.EV_EFI_HCRTM_EVENT) {
                return Optional.of(HCRTM_LOCALITY);
            }
            if (event.extendsPcr()) {
                return Optional.empty();
            }
            Optional<Integer> locality = localityOf(event.data());
            if (locality.isPresent()) {
                return locality;
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> localityOf(Bytes data) {
        byte[] raw = data.toArray();
        if (raw.length != STARTUP_LOCALITY.length + 1
                || !Arrays.equals(raw, 0, STARTUP_LOCALITY.length, STARTUP_LOCALITY, 0, STARTUP_LOCALITY.length)) {
            return Optional.empty();
        }
        return Optional.of(raw[STARTUP_LOCALITY.length] & 0xff);
    }

    private static SortedMap<Integer, Bytes> replayBank(EventLog log, HashAlgorithm bank, List<String> warnings) {
        SortedMap<Integer, Bytes> values = new TreeMap<>();
        if (startupLocality(log).isPresent()) {
            values.put(0, startValue(log, bank, 0));
        }
        List<Event> missing = new ArrayList<>();
        for (Event event : log.events()) {
            if (!event.extendsPcr()) {
                continue;
            }
            Optional<Bytes> digest = event.digest(bank);
            if (digest.isPresent()) {
                Bytes value = values.computeIfAbsent(event.pcr(), pcr -> startValue(log, bank, pcr));
                values.put(event.pcr(), bank.extend(value, digest.get()));
            } else {
                missing.add(event);
            }
        }
        if (!missing.isEmpty()) {
            warnings.add(String.format("%s: %d event(s) carry no %s digest (first: %s); replayed %s values of PCR %s are incomplete",
                    bank.bankName(), missing.size(), bank.bankName(), missing.getFirst().label(), bank.bankName(),
                    missing.stream().map(e -> String.valueOf(e.pcr())).distinct().collect(Collectors.joining(", "))));
        }
        return values;
    }

    private static List<String> bankWarnings(EventLog log, Set<HashAlgorithm> banks) {
        List<String> absent = log.announcedBanks().stream().filter(b -> !banks.contains(b))
                .map(HashAlgorithm::bankName).toList();
        if (absent.isEmpty()) {
            return List.of();
        }
        return List.of("the log header announces " + String.join(", ", absent)
                + " but no event carries such digests; those banks cannot be replayed");
    }
}
