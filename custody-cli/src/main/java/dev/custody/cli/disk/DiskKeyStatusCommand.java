package dev.custody.cli.disk;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.disk.Cryptsetup;
import dev.custody.boot.disk.DiskKeyFiles;
import dev.custody.boot.disk.KeyDevice;
import dev.custody.boot.disk.LuksHeaders;
import dev.custody.cli.Json;
import dev.custody.cli.MachineOptions;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.Machine;
import dev.custody.tpm.SealRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show whether a disk unlock key is set up: the seal, the devices with keyslot 31, and whether",
            "the LUKS headers still match /boot/kexec_lukshdr_hash.txt. Measures nothing into the TPM."})
final class DiskKeyStatusCommand implements Callable<Integer> {
    @Mixin
    MachineOptions machineOptions;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        Machine machine = machineOptions.resolve();
        Optional<SealRecord> seal = machine.sealRecords().find(DiskUnlock.HANDLE);
        List<KeyDevice> devices = DiskUnlock.recordedDevices(machine);
        Optional<String> recorded = DiskKeyFiles.readHeaderHashes(machine.bootDirectory());
        Optional<String> changed = recorded.isEmpty() || devices.isEmpty() ? Optional.empty()
                : LuksHeaders.measure(devices).firstDifference(new LuksHeaders.Measurement(recorded.get()), devices);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sealed", seal.isPresent());
        out.put("handle", String.format("0x%08x", DiskUnlock.HANDLE));
        out.put("pcrs", seal.map(s -> s.policy().pcrs()).orElse(List.of()));
        out.put("devices", devices.stream().map(d -> Map.of("device", d.name(), "uuid", d.uuid(),
                "keyslot31", Cryptsetup.keyslots(d.path()).contains(Cryptsetup.DUK_SLOT))).toList());
        out.put("headersRecorded", recorded.isPresent());
        out.put("headerChanged", changed.orElse(null));
        if (json.requested()) {
            System.out.println(Json.write(out));
            return 0;
        }
        if (seal.isEmpty() || devices.isEmpty()) {
            System.out.println("No disk unlock key is set up (custody disk-key seal).");
            return 0;
        }
        System.out.printf("Disk unlock key sealed at 0x%08x to PCRs %s and a passphrase.%n", DiskUnlock.HANDLE,
                seal.get().policy().pcrList());
        for (KeyDevice device : devices) {
            boolean slot = Cryptsetup.keyslots(device.path()).contains(Cryptsetup.DUK_SLOT);
            System.out.printf("  %s (%s): keyslot 31 %s%n", device.name(), device.uuid(), slot ? "in use" : "EMPTY");
        }
        System.out.println(recorded.isEmpty() ? "LUKS headers: not recorded in /boot"
                : changed.map(c -> "LUKS headers: the header of " + c + " CHANGED since sealing")
                        .orElse("LUKS headers: as recorded"));
        return 0;
    }
}
