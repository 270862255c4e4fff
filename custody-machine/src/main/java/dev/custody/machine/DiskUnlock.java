package dev.custody.machine;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.disk.Cryptsetup;
import dev.custody.boot.disk.DiskKeyFiles;
import dev.custody.boot.disk.KeyDevice;
import dev.custody.boot.disk.KeyInitrd;
import dev.custody.boot.disk.LuksHeaders;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.kexec.KexecPlanner;
import dev.custody.common.JsonMaps;
import dev.custody.common.Secret;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.Replayer;
import dev.custody.machine.DiskKeyRefusedException.Reason;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.PolicyMismatchException;
import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.SealedSecrets;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.TpmCommandException;
import dev.custody.tpm.tpm12.Tpm12CommandException;
import dev.custody.tpm.tpm12.Tpm12ResponseCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Heads' TPM disk unlock key (DUK) on one machine: 128 random bytes in LUKS2 keyslot 31, sealed at
 * 0x81000003 to PCRs 0-7 and a passphrase, with the LUKS headers measured into PCR 6.
 *
 * <p>Setting up follows kexec-save-key.sh and kexec-seal-key.sh; booting follows
 * kexec-insert-key.sh: measure the headers, compare them with the signed record, unseal, extend
 * PCR 4 with "generic" so that nothing later in this boot can unseal the key again, and hand the
 * key to the verified kernel in a cpio appended to a copy of its initrd.
 */
public final class DiskUnlock {
    public static final int HANDLE = 0x81000003;
    public static final int KEY_LENGTH = 128;
    public static final List<Integer> PCRS = IntStream.rangeClosed(0, 7).boxed().toList();
    public static final int BOOT_MODE_PCR = 4;
    /** Custom passphrases in Custody are 8-25 characters (Heads asks 12 or more for this one). */
    public static final int MIN_PASSPHRASE = 8;
    static final String LAB_DEVICE = "disk.img";
    /** A QEMU machine's disk.img as its guest sees it (virtio-blk); the guest's Custody reads this name. */
    public static final String QEMU_GUEST_DEVICE = "/dev/vda";
    private static final String SEALED_LOG = "disk-key-sealed-eventlog.bin";
    private static final String KEY_INITRD = "initrd-with-disk-key.img";

    private DiskUnlock() {}

    /**
     * What setting up did; /boot must be signed again because two signed kexec files changed.
     * {@code notes}: what else the owner should know (the TOTP secret following the new headers).
     */
    public record Setup(List<KeyDevice> devices, LuksHeaders.Measurement headers, SealRecord seal, List<String> notes) {
        public List<String> changedBootFiles() {
            return List.of(DiskKeyFiles.KEY_DEVICES, DiskKeyFiles.LUKS_HEADER_HASH);
        }

        /** What 'disk-key seal --json' reports; {@code bootSigned}: /boot was signed again afterwards. */
        public Map<String, Object> toJson(boolean bootSigned) {
            return JsonMaps.object("handle", String.format("0x%08x", HANDLE),
                    "pcrs", seal.policy().pcrs(),
                    "keyslot", 31,
                    "devices", devices.stream().map(d -> JsonMaps.object("device", d.name(), "uuid", d.uuid())).toList(),
                    "headerHashes", headers.text(),
                    "bootFilesChanged", changedBootFiles(),
                    "bootSigned", bootSigned,
                    "notes", notes);
        }

        /** What 'disk-key seal' prints, a line each, for the /boot folder {@code boot}. */
        public List<String> lines(Path boot, boolean bootSigned) {
            List<String> lines = new ArrayList<>();
            devices.forEach(d -> lines.add(String.format("%s (%s): disk unlock key added in LUKS keyslot 31", d.name(), d.uuid())));
            lines.add(String.format("Sealed at 0x%08x to PCRs %s and the passphrase (PCR 6 predicted from the LUKS headers).",
                    HANDLE, seal.policy().pcrList()));
            lines.add("Recorded: " + String.join(", ", changedBootFiles()) + " in " + boot);
            notes.forEach(note -> lines.add("Note: " + note + "."));
            lines.add(bootSigned ? "/boot signed again." : "Sign /boot again now (custody boot sign --boot " + boot
                    + " --key KEY.asc ...): these files are part of the signed /boot, which no longer verifies.");
            lines.add("The key is released from the next power-on (custody disk-key unseal).");
            return lines;
        }
    }

    /** The released key, to be closed (wiped) after use. */
    public record Unlocked(Secret key, List<KeyDevice> devices, List<String> warnings) implements AutoCloseable {
        @Override
        public void close() {
            key.close();
        }
    }

    /** Asks for the passphrase; {@code attempt} counts from 1, {@code previous} says why the last one failed. */
    @FunctionalInterface
    public interface PassphrasePrompt {
        Secret ask(int attempt, Optional<String> previous);
    }

    /**
     * Sets up the key on the machine's recorded LUKS devices (the lab: its disk.img; a host: those
     * in kexec_key_devices.txt), sealed to PCRs 0-7. {@code predictedPcrs} replaces the current
     * values of PCRs 0-5 and 7 (e.g. after reflashing, before the reboot); PCR 6 is always
     * predicted from the headers.
     */
    public static Setup setUp(Machine machine, Tpm tpm, Secret recoveryPassphrase, Secret unlockPassphrase,
                              Secret ownerAuth, Optional<Map<Integer, byte[]>> predictedPcrs) {
        return setUp(machine, tpm, recoveryPassphrase, unlockPassphrase, ownerAuth, predictedPcrs, devices(machine, List.of()), PCRS);
    }

    public static Setup setUp(Machine machine, Tpm tpm, Secret recoveryPassphrase, Secret unlockPassphrase,
                              Secret ownerAuth, Optional<Map<Integer, byte[]>> predictedPcrs, List<KeyDevice> devices,
                              List<Integer> pcrs) {
        if (unlockPassphrase.length() < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("the disk unlock passphrase must have at least " + MIN_PASSPHRASE + " characters");
        }
        if (predictedPcrs.map(p -> p.containsKey(LuksHeaders.PCR)).orElse(false)) {
            throw new IllegalArgumentException("PCR 6 cannot be given: it is predicted from the LUKS headers");
        }
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no LUKS device given for the disk unlock key");
        }
        for (KeyDevice device : devices) {
            checkDevice(device, recoveryPassphrase);
        }
        SealRecord record;
        LuksHeaders.Measurement headers;
        List<String> notes = new ArrayList<>();
        try (TotpFollow totp = TotpFollow.release(machine, tpm, ownerAuth); Secret key = tpm.random(KEY_LENGTH)) {
            for (KeyDevice device : devices) {
                if (Cryptsetup.keyslots(device.path()).contains(Cryptsetup.DUK_SLOT)) {
                    Cryptsetup.killSlot(device.path(), Cryptsetup.DUK_SLOT, recoveryPassphrase);
                }
                Cryptsetup.addKey(device.path(), Cryptsetup.DUK_SLOT, recoveryPassphrase, key);
            }
            headers = LuksHeaders.measure(devices);
            Optional<SortedMap<Integer, byte[]>> firmware = firmwarePcrs(machine, tpm.sealingBank());
            // As qubes-measure-luks.sh at sealing: this boot's PCR 6 no longer matches, so nothing
            // later in it can unseal the new key.
            extendHeaders(tpm, headers);
            Map<Integer, byte[]> values = sealValues(tpm, pcrs, predictedPcrs.orElse(Map.of()), firmware, headers);
            SealRequest request = SealRequest.of(key, new PcrPolicy(pcrs, true)).withAuth(unlockPassphrase)
                    .withOwnerAuth(ownerAuth);
            try {
                record = new SealedSecrets(tpm, machine.sealRecords())
                        .sealTo(request, values, PersistentSlot.replacing(HANDLE));
            } catch (RuntimeException sealFailed) {
                // Keyslot 31 would hold a key nobody has; the recovery passphrase still opens the disk.
                devices.forEach(d -> Cryptsetup.killSlot(d.path(), Cryptsetup.DUK_SLOT, recoveryPassphrase));
                throw sealFailed;
            }
            totp.follow(headers).ifPresent(notes::add);
        }
        DiskKeyFiles.writeKeyDevices(machine.bootDirectory(), devices);
        DiskKeyFiles.writeHeaderHashes(machine.bootDirectory(), headers);
        SealingLog.of(machine, SEALED_LOG).remember(predictedPcrs.isPresent() ? Optional.empty() : machine.measurementLog());
        SavedSecrets.of(machine).replace(SavedSecrets.DISK_UNLOCK_PASSPHRASE, unlockPassphrase);
        return new Setup(List.copyOf(devices), headers, record, List.copyOf(notes));
    }

    /**
     * The TOTP secret, when the boot step measures the LUKS headers before it and it is sealed to
     * PCR 6: adding the disk key to keyslot 31 changes the headers, so the secret is released
     * before and sealed again after, to the same values but the new PCR 6.
     */
    private record TotpFollow(Machine machine, Tpm tpm, Secret ownerAuth, Optional<SealRecord> record,
                              Optional<Secret> secret, Optional<String> problem) implements AutoCloseable {
        static TotpFollow release(Machine machine, Tpm tpm, Secret ownerAuth) {
            Optional<SealRecord> record = machine.sealRecords().find(SealedOtpSecret.HANDLE)
                    .filter(r -> r.values().containsKey(LuksHeaders.PCR) && measuresHeadersBeforeTotp(machine));
            if (record.isEmpty()) {
                return new TotpFollow(machine, tpm, ownerAuth, record, Optional.empty(), Optional.empty());
            }
            try {
                Secret secret = new MachineOtp(machine, tpm, ownerAuth).unseal();
                return new TotpFollow(machine, tpm, ownerAuth, record, Optional.of(secret), Optional.empty());
            } catch (TpmException refused) {
                return new TotpFollow(machine, tpm, ownerAuth, record, Optional.empty(), Optional.of(refused.getMessage()));
            }
        }

        /** Seals the secret to the PCR 6 of {@code headers}; says what the owner must know. */
        Optional<String> follow(LuksHeaders.Measurement headers) {
            if (record.isEmpty()) {
                return Optional.empty();
            }
            if (secret.isEmpty()) {
                return Optional.of("the TOTP secret is sealed to PCR 6 (the LUKS headers), which changed, and the TPM did not"
                        + " release it to follow them (" + problem.orElse("") + "); seal it again: custody totp seal"
                        + machine.commandLineSelector());
            }
            PcrBank bank = record.get().bank();
            Map<Integer, byte[]> values = new TreeMap<>(record.get().values());
            values.put(LuksHeaders.PCR, headerPcrAtBoot(machine, bank, headers));
            new MachineOtp(machine, tpm, ownerAuth).secret().reseal(secret.get(), record.get().policy().pcrs(), values);
            return Optional.of("the TOTP secret, sealed to PCR 6 too, now expects the new LUKS headers");
        }

        @Override
        public void close() {
            secret.ifPresent(Secret::close);
        }
    }

    /** Seals the same key again, to {@code values} (predicted for the next boot), with its passphrase. */
    static void resealSameKey(Machine machine, SealedSecrets sealed, Secret key, SealRecord record,
                              Map<Integer, byte[]> values, Secret unlockPassphrase, Secret ownerAuth, byte[] predictedLog) {
        sealed.sealTo(SealRequest.of(key, record.policy()).withAuth(unlockPassphrase).withOwnerAuth(ownerAuth), values,
                PersistentSlot.replacing(HANDLE));
        SealingLog.of(machine, SEALED_LOG).remember(Optional.of(predictedLog));
    }

    private static void checkDevice(KeyDevice device, Secret recoveryPassphrase) {
        if (!Files.exists(device.path())) {
            throw new IllegalArgumentException(device.path() + " does not exist");
        }
        int version = Cryptsetup.version(device.path());
        if (version != 2) {
            throw new IllegalArgumentException(device.name() + " is LUKS" + version + "; Custody puts the disk unlock key "
                    + "in LUKS2 keyslot 31 only");
        }
        if (!Cryptsetup.testKey(device.path(), recoveryPassphrase)) {
            throw new IllegalArgumentException("the recovery passphrase does not open " + device.name());
        }
        // Heads never wipes the recovery passphrase's own slot; replacing slot 31 must not either.
        if (Cryptsetup.keyslots(device.path()).contains(Cryptsetup.DUK_SLOT)
                && Cryptsetup.opensSlot(device.path(), recoveryPassphrase, Cryptsetup.DUK_SLOT)) {
            throw new IllegalArgumentException("the recovery passphrase of " + device.name() + " is in keyslot 31, where the "
                    + "disk unlock key goes; add it to another slot (cryptsetup luksAddKey) and remove slot 31 first");
        }
    }

    /**
     * Heads' seal-time values: PCRs 0-3, 5 and 7 as they are now (or as predicted), PCR 4 as the
     * firmware left it (before any boot-mode extend), PCR 6 the firmware's value extended with the
     * header measurement.
     */
    static Map<Integer, byte[]> sealValues(Tpm tpm, List<Integer> pcrs, Map<Integer, byte[]> predicted,
                                           Optional<SortedMap<Integer, byte[]>> firmware, LuksHeaders.Measurement headers) {
        PcrBank bank = tpm.sealingBank();
        SortedMap<Integer, byte[]> current = tpm.readPcrs(bank, pcrs);
        Map<Integer, byte[]> values = new TreeMap<>();
        for (int pcr : pcrs) {
            byte[] value;
            if (pcr == LuksHeaders.PCR) {
                value = afterHeaders(firmware, bank, headers);
            } else if (predicted.containsKey(pcr)) {
                value = predicted.get(pcr);
            } else if (pcr == BOOT_MODE_PCR && firmware.isPresent()) {
                value = firmwareValue(firmware, pcr, bank);
            } else {
                value = current.get(pcr);
            }
            values.put(pcr, value);
        }
        return values;
    }

    private static byte[] afterHeaders(Optional<SortedMap<Integer, byte[]>> firmware, PcrBank bank,
                                       LuksHeaders.Measurement headers) {
        return bank.extend(firmwareValue(firmware, LuksHeaders.PCR, bank), headers.digest(bank));
    }

    /**
     * PCR 6 as Custody's boot step leaves it before anything is unsealed: the firmware's value
     * extended once with {@code headers}. The disk key and, where the boot step measures the
     * headers first, the TOTP secret are sealed to it.
     */
    public static byte[] headerPcrAtBoot(Machine machine, PcrBank bank, LuksHeaders.Measurement headers) {
        return afterHeaders(firmwarePcrs(machine, bank), bank, headers);
    }

    /**
     * The LUKS headers the boot step of {@code machine} measures into PCR 6 before it shows the
     * TOTP: those recorded in /boot, on machines whose boot runs Custody's boot step (a QEMU
     * machine's guest, this computer's initramfs). Empty where nothing is measured first (no
     * recorded device; the simulated lab measures the headers for the disk key only). A QEMU
     * machine, whose disk is known, records it for its guest the first time.
     */
    public static Optional<LuksHeaders.Measurement> headersAtBoot(Machine machine) {
        List<KeyDevice> devices = switch (machine) {
            case LabMachine lab -> List.of();
            case HostMachine host -> recordedDevices(host);
            case QemuMachine qemu -> {
                List<KeyDevice> recorded = recordedDevices(qemu);
                if (!recorded.isEmpty()) {
                    yield recorded;
                }
                List<KeyDevice> disk = devices(qemu, List.of());
                DiskKeyFiles.writeKeyDevices(qemu.bootDirectory(), disk);
                DiskKeyFiles.writeHeaderHashes(qemu.bootDirectory(), LuksHeaders.measure(disk));
                yield disk;
            }
        };
        return devices.isEmpty() ? Optional.empty() : Optional.of(LuksHeaders.measure(devices));
    }

    /**
     * Whether the machine's boot runs Custody's boot step, which measures the LUKS headers before
     * the TOTP; the simulated lab's flow measures them for the disk key only, after the TOTP.
     */
    private static boolean measuresHeadersBeforeTotp(Machine machine) {
        return !(machine instanceof LabMachine);
    }

    /** {@link #measureHeadersFor} for the TOTP secret, on machines whose boot step measures the headers before it. */
    static void measureHeadersForTotp(Machine machine, Tpm tpm, SealRecord record) {
        if (measuresHeadersBeforeTotp(machine)) {
            measureHeadersFor(machine, tpm, record);
        }
    }

    /**
     * Measures the recorded LUKS headers into PCR 6 when {@code record} expects a PCR 6 the TPM
     * does not hold and nothing has extended it since the firmware, as the boot step would have:
     * a TPM that replayed only the firmware's log (a QEMU machine's on the host) can then release
     * secrets sealed for the boot.
     */
    static void measureHeadersFor(Machine machine, Tpm tpm, SealRecord record) {
        byte[] expected = record.values().get(LuksHeaders.PCR);
        PcrBank bank = tpm.sealingBank();
        byte[] now = tpm.readPcrs(bank, List.of(LuksHeaders.PCR)).get(LuksHeaders.PCR);
        if (expected == null || Arrays.equals(expected, now) || headersMeasured(machine, tpm)) {
            return;
        }
        List<KeyDevice> devices = recordedDevices(machine);
        if (!devices.isEmpty()) {
            measureHeaders(tpm, devices);
        }
    }

    /**
     * Why PCR 6 differs, by device, when the headers recorded in /boot show it: "PCR 6 (the LUKS
     * header measurement): the LUKS header of DEVICE changed since {@code sealed} was sealed".
     */
    public static Optional<String> headerChange(Machine machine, LuksHeaders.Measurement now, List<KeyDevice> devices,
                                                String sealed) {
        return DiskKeyFiles.readHeaderHashes(machine.bootDirectory())
                .flatMap(recorded -> now.firstDifference(new LuksHeaders.Measurement(recorded), devices))
                .map(device -> "PCR " + LuksHeaders.PCR + " (the LUKS header measurement): the LUKS header of " + device
                        + " changed since " + sealed + " was sealed; if you did not change it (passphrase, keyslot, label), "
                        + "the disk may have been tampered with");
    }

    /**
     * The released key, after kexec-insert-key.sh's checks. Up to {@code tries} passphrases are
     * asked for; PCR 4 is extended with "generic" after the attempts, whatever their outcome.
     */
    public static Unlocked unlock(Machine machine, Tpm tpm, PassphrasePrompt passphrases, int tries) {
        return unlock(machine, tpm, passphrases, tries, Optional.empty());
    }

    /**
     * As {@link #unlock(Machine, Tpm, Secret)}, after the boot step measured {@code measured} (the
     * recorded devices' headers) into PCR 6 itself, before the TOTP.
     */
    public static Unlocked unlockMeasured(Machine machine, Tpm tpm, Secret passphrase, LuksHeaders.Measurement measured) {
        return unlock(machine, tpm, (attempt, previous) -> Secret.copyOf(passphrase.bytes()), 1, Optional.of(measured));
    }

    private static Unlocked unlock(Machine machine, Tpm tpm, PassphrasePrompt passphrases, int tries,
                                   Optional<LuksHeaders.Measurement> measured) {
        SealRecord record = machine.sealRecords().find(HANDLE).orElseThrow(() -> new DiskKeyRefusedException(Reason.NOT_SET_UP,
                "no disk unlock key is sealed on this machine (custody disk-key seal sets one up)"));
        List<KeyDevice> devices = recordedDevices(machine);
        if (devices.isEmpty()) {
            throw new DiskKeyRefusedException(Reason.NOT_SET_UP, "no key devices are recorded in "
                    + machine.bootDirectory().resolve(DiskKeyFiles.KEY_DEVICES));
        }
        checkBootMode(tpm, record);
        if (measured.isEmpty() && headersMeasured(machine, tpm)) {
            throw new DiskKeyRefusedException(Reason.ALREADY_USED, "the LUKS headers were already measured into PCR 6 "
                    + "in this boot, so the TPM cannot release the disk key until the machine is powered off and on");
        }
        LuksHeaders.Measurement now = measured.orElseGet(() -> measureHeaders(tpm, devices));
        List<String> warnings = new ArrayList<>();
        if (DiskKeyFiles.readHeaderHashes(machine.bootDirectory()).isPresent()) {
            Optional<String> changed = headerChange(machine, now, devices, "the disk key");
            if (changed.isPresent()) {
                throw new DiskKeyRefusedException(Reason.HEADER_CHANGED, changed.get());
            }
        } else {
            warnings.add("could not check the LUKS headers: " + DiskKeyFiles.LUKS_HEADER_HASH + " is missing from "
                    + machine.bootDirectory() + "; seal the disk key again to record them");
        }
        try {
            return new Unlocked(unseal(machine, tpm, record, passphrases, tries), devices, warnings);
        } finally {
            markBootMode(tpm);
        }
    }

    /**
     * The disk key, to be sealed again in this boot: released as at power-on, the LUKS headers
     * measured into PCR 6 first unless something did already (the boot step did, in a boot
     * through Custody's initramfs; a TPM given only the firmware's log, as a QEMU machine's on the
     * host, has them unmeasured). PCR 4 is left as it is: the reseal unseals the TOTP secret too.
     */
    public static Secret unsealToReseal(Machine machine, Tpm tpm, SealRecord record, Secret passphrase) {
        measureHeadersFor(machine, tpm, record);
        return new SealedSecrets(tpm, machine.sealRecords()).unseal(HANDLE, record.policy().pcrs(), passphrase);
    }

    private static boolean headersMeasured(Machine machine, Tpm tpm) {
        PcrBank bank = tpm.sealingBank();
        byte[] pcr6 = tpm.readPcrs(bank, List.of(LuksHeaders.PCR)).get(LuksHeaders.PCR);
        return !Arrays.equals(pcr6, firmwareValue(firmwarePcrs(machine, bank), LuksHeaders.PCR, bank));
    }

    private static LuksHeaders.Measurement measureHeaders(Tpm tpm, List<KeyDevice> devices) {
        LuksHeaders.Measurement now = LuksHeaders.measure(devices);
        extendHeaders(tpm, now);
        return now;
    }

    /** Extends PCR 6 with {@code headers}, as qubes-measure-luks.sh does. */
    public static void extendHeaders(Tpm tpm, LuksHeaders.Measurement headers) {
        PcrBank bank = tpm.sealingBank();
        tpm.extend(LuksHeaders.PCR, Map.of(bank, headers.digest(bank)));
    }

    /**
     * Extends PCR 4 with "generic", as Heads does once the key was released (or refused), so that
     * nothing later in this boot can unseal it again.
     */
    public static void markBootMode(Tpm tpm) {
        PcrBank bank = tpm.sealingBank();
        tpm.extend(BOOT_MODE_PCR, Map.of(bank, bank.hash(ascii("generic"))));
    }

    /** One passphrase, one try. */
    public static Unlocked unlock(Machine machine, Tpm tpm, Secret passphrase) {
        return unlock(machine, tpm, (attempt, previous) -> Secret.copyOf(passphrase.bytes()), 1);
    }

    /** Refuses early, without counting a passphrase try, when PCR 4 shows recovery mode or an earlier release. */
    private static void checkBootMode(Tpm tpm, SealRecord record) {
        byte[] sealed = record.values().get(BOOT_MODE_PCR);
        if (sealed == null) {
            return;
        }
        PcrBank bank = record.bank();
        byte[] now = tpm.readPcrs(bank, List.of(BOOT_MODE_PCR)).get(BOOT_MODE_PCR);
        if (Arrays.equals(now, bootMode(sealed, "recovery", bank))) {
            throw new DiskKeyRefusedException(Reason.RECOVERY_MODE, "the machine is in recovery mode (PCR 4 was extended "
                    + "with \"recovery\"), so the TPM will not release the disk key until the next normal boot");
        }
        if (Arrays.equals(now, bootMode(sealed, "generic", bank))) {
            throw new DiskKeyRefusedException(Reason.ALREADY_USED, "the disk key was already released (or refused) in "
                    + "this boot: PCR 4 holds \"generic\" until the machine is powered off and on");
        }
    }

    /**
     * PCR 4 as the next boot will find it when the secrets are unsealed: {@code now} with this
     * boot's "generic" or "recovery" extend taken back, where the firmware's log shows that is all
     * that changed it (Heads seals PCR 4 to its pre-kexec value the same way). Sealing to {@code now}
     * after Custody's boot step has run would leave a secret no later boot can unseal.
     */
    public static byte[] bootModePcrAtUnseal(Machine machine, PcrBank bank, byte[] now) {
        Optional<SortedMap<Integer, byte[]>> firmware = firmwarePcrs(machine, bank);
        if (firmware.isEmpty()) {
            return now;
        }
        byte[] before = firmwareValue(firmware, BOOT_MODE_PCR, bank);
        boolean onlyBootMode = Arrays.equals(now, bootMode(before, "generic", bank))
                || Arrays.equals(now, bootMode(before, "recovery", bank));
        return onlyBootMode ? before : now;
    }

    private static byte[] bootMode(byte[] pcr4, String mode, PcrBank bank) {
        return bank.extend(pcr4, bank.hash(ascii(mode)));
    }

    private static Secret unseal(Machine machine, Tpm tpm, SealRecord record, PassphrasePrompt passphrases, int tries) {
        SealedSecrets sealed = new SealedSecrets(tpm, machine.sealRecords());
        Optional<String> previous = Optional.empty();
        for (int attempt = 1; attempt <= tries; attempt++) {
            try (Secret passphrase = passphrases.ask(attempt, previous)) {
                if (passphrase.isEmpty()) {
                    throw new DiskKeyRefusedException(Reason.WRONG_PASSPHRASE, "no disk unlock passphrase given");
                }
                return sealed.unseal(HANDLE, record.policy().pcrs(), passphrase);
            } catch (PolicyMismatchException refusal) {
                PolicyMismatchException named = refusal.withChangedPcrs(record.changedPcrs(
                        tpm.readPcrs(record.bank(), record.policy().pcrs())));
                String why = SealingLog.of(machine, SEALED_LOG).explain(named);
                throw new DiskKeyRefusedException(Reason.MEASUREMENTS_CHANGED,
                        "the TPM refuses the disk key: " + why.replace("\n", "; "));
            } catch (Tpm12CommandException e) {
                if (e.code().is(Tpm12ResponseCode.DEFEND_LOCK_RUNNING)) {
                    throw new DiskKeyRefusedException(Reason.LOCKED_OUT, "the TPM is defending against passphrase "
                            + "guessing and refuses to try more for a while");
                }
                if (!e.code().is(Tpm12ResponseCode.AUTH2FAIL)) {
                    throw e;
                }
                previous = Optional.of("the disk unlock passphrase is wrong");
            } catch (TpmCommandException e) {
                if (e.code().is(ResponseCode.LOCKOUT)) {
                    throw new DiskKeyRefusedException(Reason.LOCKED_OUT, "the TPM is locked out after too many wrong "
                            + "passphrases and refuses to try more until it recovers");
                }
                if (!e.code().is(ResponseCode.AUTH_FAIL) && !e.code().is(ResponseCode.BAD_AUTH)) {
                    throw e;
                }
                previous = Optional.of("the disk unlock passphrase is wrong");
            }
        }
        throw new DiskKeyRefusedException(Reason.WRONG_PASSPHRASE, "the disk unlock passphrase is wrong ("
                + tries + (tries == 1 ? " try)" : " tries)"));
    }

    /**
     * Writes the boot entry's initrd with the key cpio appended, 0600, in the machine's state
     * folder, and returns it; /boot's own initrd is only read. Crypttab lines come from
     * kexec_initrd_crypttab_overrides.txt when /boot has one.
     */
    public static Path keyInitrd(Machine machine, BootEntry entry, Unlocked unlocked) {
        List<String> initrds = KexecPlanner.initrds(entry);
        if (initrds.isEmpty()) {
            throw new IllegalArgumentException("the boot entry '" + entry.name() + "' has no initrd to carry the disk key");
        }
        Path boot = machine.bootDirectory();
        Path out = keyInitrdPath(machine);
        KeyInitrd.write(initrds.stream().map(i -> boot.resolve(i.substring(1)).normalize()).toList(), unlocked.key(),
                KeyInitrd.crypttabs(unlocked.devices(), DiskKeyFiles.readCrypttabOverrides(boot)), out);
        return out;
    }

    public static Path keyInitrdPath(Machine machine) {
        return machine.stateDirectory().resolve(KEY_INITRD);
    }

    /** Deletes the key initrd of an earlier boot, overwriting it first. */
    public static void forgetKeyInitrd(Machine machine) {
        Path file = keyInitrdPath(machine);
        try {
            if (Files.exists(file)) {
                Files.write(file, new byte[(int) Math.min(Files.size(file), Integer.MAX_VALUE - 8)]);
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Whether a disk key is set up here: a seal record and recorded devices. */
    public static boolean isSetUp(Machine machine) {
        return machine.sealRecords().find(HANDLE).isPresent() && !recordedDevices(machine).isEmpty();
    }

    /**
     * The LUKS devices to set up: {@code explicit} ones, else the lab's disk.img, else those in
     * this machine's kexec_key_devices.txt.
     */
    public static List<KeyDevice> devices(Machine machine, List<Path> explicit) {
        if (!explicit.isEmpty()) {
            return explicit.stream().map(p -> new KeyDevice(p.toString(), p, Cryptsetup.uuid(p))).toList();
        }
        return switch (machine) {
            case LabMachine lab -> List.of(new KeyDevice(LAB_DEVICE, lab.disk(), Cryptsetup.uuid(lab.disk())));
            case QemuMachine qemu -> List.of(new KeyDevice(QEMU_GUEST_DEVICE, qemu.disk(), Cryptsetup.uuid(qemu.disk())));
            case HostMachine host -> {
                List<KeyDevice> recorded = recordedDevices(host);
                if (recorded.isEmpty()) {
                    throw new IllegalArgumentException("no LUKS devices given (--device) and none recorded in "
                            + host.bootDirectory().resolve(DiskKeyFiles.KEY_DEVICES));
                }
                yield recorded;
            }
        };
    }

    /** The devices /boot records; a lab machine names its disk image relative to its folder. */
    public static List<KeyDevice> recordedDevices(Machine machine) {
        return DiskKeyFiles.readKeyDevices(machine.bootDirectory(), switch (machine) {
            case LabMachine lab -> name -> lab.directory().resolve(name).normalize();
            case QemuMachine qemu -> name -> name.equals(QEMU_GUEST_DEVICE) ? qemu.disk() : Path.of(name);
            case HostMachine host -> Path::of;
        });
    }

    /** How to open the disk without the TPM, for the owner to read when the key is refused. */
    public static String recoveryHint(Machine machine, List<KeyDevice> devices) {
        return switch (machine) {
            case LabMachine lab -> "The recovery passphrase still opens the disk: cryptsetup open --key-file "
                    + lab.recoveryPassphrase() + " " + lab.disk() + " custody-lab-disk";
            case QemuMachine qemu -> "The recovery passphrase still opens the disk: cryptsetup open --key-file "
                    + qemu.recoveryPassphrase() + " " + qemu.disk() + " custody-qemu-disk";
            case HostMachine host -> "The disk recovery passphrase still opens the disk: " + devices.stream()
                    .map(d -> "cryptsetup open " + d.name() + " luks-" + d.uuid()).reduce((a, b) -> a + "; " + b)
                    .orElse("cryptsetup open DEVICE NAME") + " (type the recovery passphrase when asked)";
        };
    }

    /** The PCR values the firmware's measurement log replays to, when the machine keeps a readable log. */
    private static Optional<SortedMap<Integer, byte[]>> firmwarePcrs(Machine machine, PcrBank bank) {
        HashAlgorithm logBank = bank == PcrBank.SHA1 ? HashAlgorithm.SHA1 : HashAlgorithm.SHA256;
        return machine.measurementLog().flatMap(SealingLog::parse).map(log -> {
            SortedMap<Integer, byte[]> values = new TreeMap<>();
            Replayer.replay(log).bank(logBank).forEach((pcr, value) -> values.put(pcr, value.toArray()));
            return values;
        });
    }

    /** PCRs the log does not touch hold their reset value (zero for 0-16). */
    private static byte[] firmwareValue(Optional<SortedMap<Integer, byte[]>> firmware, int pcr, PcrBank bank) {
        return firmware.map(f -> f.get(pcr)).orElse(new byte[bank.digestLength()]);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
