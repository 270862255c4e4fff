package dev.custody.cli.disk;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.disk.KeyDevice;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.key.Passphrases;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.cli.tpm.PcrList;
import dev.custody.cli.tpm.SealingPcrs;
import dev.custody.common.Secret;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.Machine;
import dev.custody.machine.boot.Signing;
import dev.custody.machine.boot.TpmAccess;
import dev.custody.openpgp.SoftwareSigner;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Set up the disk unlock key as Heads does: 128 random bytes go into LUKS2 keyslot 31 (replacing",
            "an earlier one), the LUKS headers are measured into PCR 6 and recorded in /boot/kexec_lukshdr_hash.txt,",
            "the devices in /boot/kexec_key_devices.txt, and the key is sealed at 0x81000003 to PCRs 0-7 and a",
            "passphrase. Both files are signed with /boot, so sign /boot again afterwards (or give --key).",
            "The key works from the next power-on."})
public final class DiskKeySealCommand implements Callable<Integer> {
    @Mixin MachineOptions machineOptions;

    @Option(names = "--passphrase-file", paramLabel = "F",
            description = "The new disk unlock passphrase (asked twice on the terminal when not given).")
    Path passphraseFile;

    @Option(names = "--recovery-passphrase-file", paramLabel = "F",
            description = "The disk's recovery passphrase (default for a lab machine: its disk-recovery-passphrase file).")
    Path recoveryFile;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Option(names = "--pcrs", converter = PcrList.class, paramLabel = "LIST", defaultValue = "0-7", description = "PCRs to seal to (default: 0-7).")
    String pcrs;

    @Mixin SealingPcrs sealingPcrs;

    @Option(names = "--device", paramLabel = "DEV",
            description = "A LUKS device to set up (repeatable; default: the lab's disk.img, or those in kexec_key_devices.txt).")
    List<Path> devices = List.of();

    @Option(names = "--key", paramLabel = "KEY.asc", description = "Sign /boot again with this secret key afterwards.") Path signingKey;

    @Option(names = "--key-passphrase-file", paramLabel = "F", description = "The --key passphrase, instead of asking.") Path signingKeyPassphrase;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        Machine machine = machineOptions.resolve();
        List<Integer> sealTo = sealingPcrs.checked(PcrPolicy.parseList(pcrs));
        DiskUnlock.Setup setup;
        try (Secret recovery = Passphrases.read(recoveryPassphraseFile(machine), "Disk recovery passphrase", false);
             Secret unlock = Passphrases.read(passphraseFile, "New disk unlock passphrase", true);
             Secret ownerAuth = ownerPassphrase.read();
             Tpm tpm = Tpms.open(machine.tpm())) {
            List<KeyDevice> keyDevices = DiskUnlock.devices(machine, devices);
            setup = DiskUnlock.setUp(machine, tpm, recovery, unlock, ownerAuth, Optional.empty(), keyDevices, sealTo);
        }
        boolean signed = signingKey != null && sign(machine);
        json.print(setup.toJson(signed), String.join("\n", setup.lines(machine.bootDirectory(), signed)));
        return 0;
    }

    private Path recoveryPassphraseFile(Machine machine) {
        if (recoveryFile != null) {
            return recoveryFile;
        }
        return machine.recoveryPassphraseFile().orElse(null);
    }

    private boolean sign(Machine machine) {
        try (Secret passphrase = Passphrases.read(signingKeyPassphrase, "Passphrase for " + signingKey, false);
             Secret ownerAuth = ownerPassphrase.read()) {
            Signing.sign(machine.bootDirectory(), SoftwareSigner.unlock(signingKey, passphrase), OptionalInt.empty(),
                    TpmAccess.of(machine.tpm()), ownerAuth);
        }
        return true;
    }
}
