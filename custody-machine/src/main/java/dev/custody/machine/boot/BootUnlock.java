package dev.custody.machine.boot;

import dev.custody.attest.OneTimePassword;
import dev.custody.boot.disk.Cryptsetup;
import dev.custody.boot.disk.KeyDevice;
import dev.custody.boot.disk.LuksHeaders;
import dev.custody.common.Secret;
import dev.custody.machine.DiskKeyRefusedException;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.HostMachine;
import dev.custody.machine.MachineOtp;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the initramfs does at every power-on, before the root disk is opened, on this computer's
 * own TPM (Heads' unseal-totp.sh and kexec-insert-key.sh in one): show the TOTP, release the disk
 * unlock key to {@code cryptsetup open} (or open the disk with the recovery passphrase when the
 * TPM refuses and someone can type it), and leave PCR 4 extended so that nothing later in this
 * boot can unseal again. The console learns each outcome as soon as it is known: the code is on
 * the screen before any passphrase is asked for.
 */
public final class BootUnlock {
    /** Where QEMU's {@code -fw_cfg name=opt/custody/passphrase,file=F} shows up in the guest. */
    public static final Path FW_CFG_PASSPHRASE = Path.of("/sys/firmware/qemu_fw_cfg/by_name/opt/custody/passphrase/raw");
    public static final int RECOVERY_TRIES = 3;

    private final HostMachine machine;
    private final Optional<Path> passphraseFile;
    private final Mapping mapping;

    /**
     * {@code passphraseFile}: the disk unlock passphrase (TPM + passphrase policy); when empty, the
     * fw_cfg file if QEMU passed one, else the console is asked.
     */
    public BootUnlock(HostMachine machine, Optional<Path> passphraseFile, Mapping mapping) {
        this.machine = machine;
        this.passphraseFile = passphraseFile.or(() -> Optional.of(FW_CFG_PASSPHRASE).filter(Files::isReadable));
        this.mapping = mapping;
    }

    /** The person at the console, if any; the outcomes are shown there as they come. */
    public interface Console {
        void totp(PowerOnReport.Totp totp);

        /** The TPM did not release the disk key; said before the recovery passphrase is asked for. */
        void tpmRefused(String reason);

        /** A passphrase typed at the console; empty when nobody can be asked. */
        Optional<Secret> ask(String prompt);
    }

    /** How the disk was opened, or why it stays locked. */
    public sealed interface Disk {
        record Opened(Method by, List<String> mappings) implements Disk {}

        record Refused(String reason) implements Disk {}
    }

    public enum Method { TPM, PASSPHRASE }

    /** What "open" means: a device-mapper device per disk, or only the check that the key opens it. */
    public sealed interface Mapping {
        /** /dev/mapper/luks-UUID, as systemd names them. */
        record ByLuksUuid() implements Mapping {}

        /** One disk, under this name. */
        record Named(String name) implements Mapping {}

        /** cryptsetup --test-passphrase: nothing is mapped (where device-mapper is missing, as in tests). */
        record CheckOnly() implements Mapping {}
    }

    public record Report(PowerOnReport.Totp totp, Disk disk, Optional<byte[]> measurementLog) {
        public boolean diskOpened() {
            return disk instanceof Disk.Opened;
        }
    }

    public Report run(Console console) {
        List<KeyDevice> devices = DiskUnlock.recordedDevices(machine);
        Headers headers = Headers.measure(devices);
        byte[] bootMode;
        PowerOnReport.Totp totp;
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            bootMode = bootModePcr(tpm);
            // Heads measures the headers just before it unseals the disk key; here they come before the
            // TOTP too, so that a secret sealed to PCR 6 stops when a header changes.
            headers.measured().ifPresent(measured -> DiskUnlock.extendHeaders(tpm, measured));
            totp = totp(tpm, headers, devices);
        }
        console.totp(totp);
        Disk disk = openDisk(console, devices, headers);
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            if (Arrays.equals(bootMode, bootModePcr(tpm))) {
                DiskUnlock.markBootMode(tpm);
            }
        }
        return new Report(totp, disk, machine.measurementLog());
    }

    /** The recorded devices' LUKS headers as this boot measured them, or why they could not be read. */
    private record Headers(Optional<LuksHeaders.Measurement> measured, Optional<String> problem) {
        static Headers measure(List<KeyDevice> devices) {
            if (devices.isEmpty()) {
                return new Headers(Optional.empty(), Optional.empty());
            }
            try {
                return new Headers(Optional.of(LuksHeaders.measure(devices)), Optional.empty());
            } catch (IllegalStateException | UncheckedIOException unreadable) {
                return new Headers(Optional.empty(), Optional.of("PCR " + LuksHeaders.PCR + " (the LUKS header measurement): "
                        + unreadable.getMessage()));
            }
        }
    }

    private PowerOnReport.Totp totp(Tpm tpm, Headers headers, List<KeyDevice> devices) {
        MachineOtp otp = new MachineOtp(machine, tpm);
        if (!otp.secret().isSealed()) {
            return new PowerOnReport.Totp.NotSealed("custody totp seal" + machine.commandLineSelector());
        }
        Optional<SealRecord> record = otp.secret().record();
        List<Integer> pcrs = record.isPresent() ? List.of() : machine.defaultOtpPcrs();
        try (Secret secret = otp.unseal(pcrs)) {
            OneTimePassword.TotpCode code = OneTimePassword.totp(secret.bytes(), Instant.now());
            return new PowerOnReport.Totp.Shown(code.code(), code.secondsLeft());
        } catch (TpmException refusal) {
            Optional<String> headerChange = record.filter(r -> pcr6Changed(tpm, r)).flatMap(r -> headers.problem()
                    .or(() -> headers.measured().flatMap(now -> DiskUnlock.headerChange(machine, now, devices, "the TOTP secret"))));
            return new PowerOnReport.Totp.Refused(refusal.getMessage() + headerChange.map(why -> "; " + why).orElse(""));
        }
    }

    private static boolean pcr6Changed(Tpm tpm, SealRecord record) {
        byte[] sealed = record.values().get(LuksHeaders.PCR);
        return sealed != null && !Arrays.equals(sealed,
                tpm.readPcrs(record.bank(), List.of(LuksHeaders.PCR)).get(LuksHeaders.PCR));
    }

    private static byte[] bootModePcr(Tpm tpm) {
        PcrBank bank = tpm.sealingBank();
        return tpm.readPcrs(bank, List.of(DiskUnlock.BOOT_MODE_PCR)).get(DiskUnlock.BOOT_MODE_PCR);
    }

    private Disk openDisk(Console console, List<KeyDevice> devices, Headers headers) {
        if (devices.isEmpty()) {
            return new Disk.Refused("no LUKS device is recorded in " + machine.bootDirectory().resolve("kexec_key_devices.txt")
                    + " (custody disk-key seal records it)");
        }
        if (mapping instanceof Mapping.Named && devices.size() > 1) {
            return new Disk.Refused("one mapping name was given for " + devices.size() + " LUKS devices");
        }
        String refusal = !DiskUnlock.isSetUp(machine)
                ? "no TPM disk unlock key is sealed on this machine (custody disk-key seal sets one up)"
                : headers.measured().isEmpty() ? headers.problem().orElseThrow()
                : withTpm(devices, headers.measured().get(), console).orElse(null);
        if (refusal == null) {
            return new Disk.Opened(Method.TPM, mappings(devices));
        }
        console.tpmRefused(refusal);
        return withRecoveryPassphrase(devices, console, refusal);
    }

    /** Empty when the TPM's key opened every device, else why not. */
    private Optional<String> withTpm(List<KeyDevice> devices, LuksHeaders.Measurement headers, Console console) {
        Optional<Secret> passphrase = unlockPassphrase(console);
        if (passphrase.isEmpty()) {
            return Optional.of("no disk unlock passphrase: QEMU passed none (fw_cfg opt/custody/passphrase) and nobody can be asked");
        }
        try (Secret given = passphrase.get(); Tpm tpm = Tpms.open(machine.tpm());
             DiskUnlock.Unlocked unlocked = DiskUnlock.unlockMeasured(machine, tpm, given, headers)) {
            for (KeyDevice device : devices) {
                Optional<String> failed = Cryptsetup.open(device.path(), mapperName(device), unlocked.key());
                if (failed.isPresent()) {
                    return Optional.of("the TPM released the disk key, but cryptsetup could not open " + device.name()
                            + " with it: " + failed.get());
                }
            }
            return Optional.empty();
        } catch (DiskKeyRefusedException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    private Optional<Secret> unlockPassphrase(Console console) {
        if (passphraseFile.isPresent()) {
            try {
                return Optional.of(Secret.readFile(passphraseFile.get()));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the disk unlock passphrase file " + passphraseFile.get());
            }
        }
        return console.ask("Disk unlock passphrase (for the TPM key): ");
    }

    private Disk withRecoveryPassphrase(List<KeyDevice> devices, Console console, String tpmRefusal) {
        List<String> opened = new ArrayList<>();
        for (KeyDevice device : devices) {
            boolean open = false;
            for (int attempt = 1; attempt <= RECOVERY_TRIES && !open; attempt++) {
                Optional<Secret> typed = console.ask("Disk recovery passphrase for " + device.name() + ": ");
                if (typed.isEmpty()) {
                    return new Disk.Refused(tpmRefusal + "; nobody can type the recovery passphrase");
                }
                try (Secret passphrase = typed.get()) {
                    open = !passphrase.isEmpty() && Cryptsetup.open(device.path(), mapperName(device), passphrase).isEmpty();
                }
            }
            if (!open) {
                return new Disk.Refused(tpmRefusal + "; the recovery passphrase did not open " + device.name()
                        + " in " + RECOVERY_TRIES + " tries");
            }
            mapperName(device).ifPresent(opened::add);
        }
        return new Disk.Opened(Method.PASSPHRASE, opened);
    }

    private List<String> mappings(List<KeyDevice> devices) {
        return devices.stream().flatMap(d -> mapperName(d).stream()).toList();
    }

    private Optional<String> mapperName(KeyDevice device) {
        return switch (mapping) {
            case Mapping.ByLuksUuid byUuid -> Optional.of("luks-" + device.uuid());
            case Mapping.Named named -> Optional.of(named.name());
            case Mapping.CheckOnly checkOnly -> Optional.empty();
        };
    }
}
