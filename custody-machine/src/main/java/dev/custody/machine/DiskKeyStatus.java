package dev.custody.machine;

import static dev.custody.common.JsonMaps.object;

import dev.custody.boot.disk.Cryptsetup;
import dev.custody.boot.disk.DiskKeyFiles;
import dev.custody.boot.disk.KeyDevice;
import dev.custody.boot.disk.LuksHeaders;
import dev.custody.tpm.SealRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a disk unlock key is set up, without measuring anything into the TPM: its seal, the
 * recorded devices with keyslot 31, and the first device whose LUKS header differs from the hash
 * recorded in /boot.
 */
public record DiskKeyStatus(Optional<SealRecord> seal, List<KeyDevice> devices, Optional<String> recordedHeaders,
                            Optional<String> headerChanged) {

    public static DiskKeyStatus of(Machine machine) {
        Optional<SealRecord> seal = machine.sealRecords().find(DiskUnlock.HANDLE);
        List<KeyDevice> devices = DiskUnlock.recordedDevices(machine);
        Optional<String> recorded = DiskKeyFiles.readHeaderHashes(machine.bootDirectory());
        Optional<String> changed = recorded.isEmpty() || devices.isEmpty() ? Optional.empty()
                : LuksHeaders.measure(devices).firstDifference(new LuksHeaders.Measurement(recorded.get()), devices);
        return new DiskKeyStatus(seal, devices, recorded, changed);
    }

    /** The same as 'disk-key status --json' reports it. */
    public Map<String, Object> toJson() {
        return object("sealed", seal.isPresent(),
                "handle", String.format("0x%08x", DiskUnlock.HANDLE),
                "pcrs", seal.map(s -> s.policy().pcrs()).orElse(List.of()),
                "devices", devices.stream().map(d -> object("device", d.name(), "uuid", d.uuid(),
                        "keyslot31", hasKeyslot(d))).toList(),
                "headersRecorded", recordedHeaders.isPresent(),
                "headerChanged", headerChanged.orElse(null));
    }

    /** What 'disk-key status' prints, a line each. */
    public List<String> lines() {
        if (seal.isEmpty() || devices.isEmpty()) {
            return List.of("No disk unlock key is set up (custody disk-key seal).");
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Disk unlock key sealed at 0x%08x to PCRs %s and a passphrase.", DiskUnlock.HANDLE,
                seal.get().policy().pcrList()));
        for (KeyDevice device : devices) {
            lines.add(String.format("  %s (%s): keyslot 31 %s", device.name(), device.uuid(), hasKeyslot(device) ? "in use" : "EMPTY"));
        }
        lines.add(recordedHeaders.isEmpty() ? "LUKS headers: not recorded in /boot"
                : headerChanged.map(c -> "LUKS headers: the header of " + c + " CHANGED since sealing")
                        .orElse("LUKS headers: as recorded"));
        return lines;
    }

    private static boolean hasKeyslot(KeyDevice device) {
        return Cryptsetup.keyslots(device.path()).contains(Cryptsetup.DUK_SLOT);
    }
}
