package dev.custody.attest;

import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.PcrValues;
import dev.custody.eventlog.Replayer;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** A TPM's PCRs, read to be checked against a measurement log. */
public final class TpmPcrs {
    private TpmPcrs() {}

    /** {@link #forLog(Tpm, EventLog)} of the TPM {@code spec} names, opened for it. */
    public static PcrValues forLog(TpmSpec spec, EventLog log) {
        try (Tpm tpm = Tpms.open(spec)) {
            return forLog(tpm, log);
        }
    }

    /** Every platform PCR, in each bank both the log and the TPM have. */
    public static PcrValues forLog(Tpm tpm, EventLog log) {
        // All of them: a PCR the log never mentions can still have been extended (final-events table).
        Set<Integer> all = new TreeSet<>();
        for (int pcr = 0; pcr < Replayer.PLATFORM_PCRS; pcr++) {
            all.add(pcr);
        }
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> banks = new LinkedHashMap<>();
        for (HashAlgorithm algorithm : Replayer.replay(log).pcrs().keySet()) {
            Optional<PcrBank> bank = PcrBank.ofAlgorithm(algorithm.tcgId()).filter(tpm.activeBanks()::contains);
            if (bank.isPresent()) {
                SortedMap<Integer, Bytes> values = new TreeMap<>();
                tpm.readPcrs(bank.get(), all).forEach((pcr, value) -> values.put(pcr, Bytes.of(value)));
                banks.put(algorithm, values);
            }
        }
        return new PcrValues(banks);
    }
}
