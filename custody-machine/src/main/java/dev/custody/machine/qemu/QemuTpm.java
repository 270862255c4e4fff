package dev.custody.machine.qemu;

import dev.custody.eventlog.Event;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.eventlog.Replayer;
import dev.custody.machine.QemuMachine;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import dev.custody.tpm.VirtualTpm;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A QEMU machine's TPM while the guest is off: its swtpm state served on the host, with the PCRs
 * the firmware will measure at the next boot. Those are the last exported log replayed, since
 * the same firmware, vars and kernel measure the same digests at every boot (checked: two boots
 * of one machine give logs with equal digests). The daemon keeps running until the next power-on
 * or 'custody lab stop', so later commands see the same PCRs, including what they extended.
 */
public final class QemuTpm {
    private QemuTpm() {}

    public static TpmSpec onHost(QemuMachine machine) {
        TpmSpec spec = new TpmSpec.Virtual(machine.tpmState());
        if (VirtualTpm.status(machine.tpmState()).isPresent()) {
            return spec;
        }
        Optional<EventLog> log = machine.measurementLog().map(QemuTpm::parse);
        VirtualTpm.startDaemon(machine.tpmState());
        try (Tpm tpm = Tpms.open(spec)) {
            tpm.powerControl().orElseThrow(() -> new TpmException("the QEMU machine's TPM cannot be power-cycled"))
                    .powerCycle();
            log.ifPresent(l -> replay(l, tpm));
        } catch (RuntimeException e) {
            VirtualTpm.stopDaemon(machine.tpmState());
            throw e;
        }
        return spec;
    }

    /** Stops the host's swtpm, so that the guest's own swtpm can take the state. */
    public static void release(QemuMachine machine) {
        VirtualTpm.stopDaemon(machine.tpmState());
    }

    private static EventLog parse(byte[] bytes) {
        try {
            return EventLogs.parse(bytes);
        } catch (MalformedLogException e) {
            throw new TpmException("the exported measurement log cannot be read (" + e.getMessage()
                    + "); power the machine on again to export a new one");
        }
    }

    private static void replay(EventLog log, Tpm tpm) {
        int locality = Replayer.startupLocality(log).orElse(0);
        if (locality != 0) {
            throw new TpmException("the log starts at locality " + locality + ", which extends cannot reproduce");
        }
        var active = tpm.activeBanks();
        if (log.events().stream().filter(Event::extendsPcr).anyMatch(e -> e.digest(bankOf(tpm.sealingBank())).isEmpty())) {
            throw new TpmException("the exported log has no " + tpm.sealingBank().label() + " digests, the bank Custody seals to");
        }
        for (Event event : log.events()) {
            if (!event.extendsPcr()) {
                continue;
            }
            Map<PcrBank, byte[]> digests = new HashMap<>();
            event.digests().forEach((algorithm, digest) -> PcrBank.ofAlgorithm(algorithm.tcgId())
                    .filter(active::contains).ifPresent(bank -> digests.put(bank, digest.toArray())));
            tpm.extend(event.pcr(), digests);
        }
    }

    private static HashAlgorithm bankOf(PcrBank bank) {
        return bank == PcrBank.SHA1 ? HashAlgorithm.SHA1 : HashAlgorithm.SHA256;
    }
}
