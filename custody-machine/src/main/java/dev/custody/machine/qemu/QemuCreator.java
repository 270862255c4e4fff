package dev.custody.machine.qemu;

import dev.custody.common.JsonMaps;
import dev.custody.machine.QemuMachine;
import dev.custody.machine.lab.LabCreator;
import dev.custody.tpm.TpmInfo;
import dev.custody.tpm.tpm12.VirtualTpm12;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a QEMU lab machine, then boots it once: the firmware's log of that first boot is what
 * 'custody totp seal' and 'custody disk-key seal' seal to, for the next boot.
 */
public final class QemuCreator {
    private QemuCreator() {}

    /** Where the guest initramfs comes from: a ready image, or a root with Custody's package installed. */
    public sealed interface Initramfs {
        record Image(Path file) implements Initramfs {}

        record FromPackage(Path root) implements Initramfs {}
    }

    public record Created(QemuMachine machine, QemuBoot.Result firstBoot) {
        /** What 'lab create --firmware' prints for a machine created in {@code directory} (as given) with this firmware and TPM. */
        public String text(Path directory, String firmware, String tpmVersion) {
            return "Created a QEMU machine (" + firmware + ", TPM " + tpmVersion + ") in " + machine.directory()
                    + " and booted it once (" + firstBoot.took().toSeconds() + " s; console in " + firstBoot.console() + ").\n"
                    + firstBoot.eventLog().map(log -> "Its measurement log is in " + log
                            + ".\nNext: custody totp seal --machine " + directory + ", then custody lab power-on " + directory)
                    .orElse("custody: warning: " + firstBoot.eventLogProblem().orElse("") + "; seal after a power-on that exports one");
        }

        /** The same as 'lab create --firmware --json' reports it. */
        public Map<String, Object> toJson(String firmware, String tpmVersion) {
            return JsonMaps.object("directory", machine.directory().toString(), "firmware", firmware,
                    "tpmFamily", tpmVersion, "console", firstBoot.console().toString(),
                    "eventLog", firstBoot.eventLog().map(Path::toString).orElse(null),
                    "firstBootSeconds", firstBoot.took().toSeconds(), "problem", firstBoot.eventLogProblem().orElse(null));
        }
    }

    public static Created create(Path directory, QemuFirmware firmware, String family, Initramfs initramfs,
                                 Optional<Path> kernel, Duration timeout) {
        if (!family.equals(TpmInfo.FAMILY_2_0) && !family.equals(TpmInfo.FAMILY_1_2)) {
            throw new IllegalArgumentException("unknown TPM version '" + family + "' (use 2.0 or 1.2)");
        }
        if (family.equals(TpmInfo.FAMILY_1_2) && firmware.uefi()) {
            throw new IllegalArgumentException("OVMF measures the boot into a TPM 2.0 only: use --tpm-version 2.0, or"
                    + " --firmware seabios for a TPM 1.2 (as on a legacy BIOS laptop)");
        }
        Path kernelFile = kernel.orElseGet(QemuCreator::newestKernel);
        String version = GuestInitramfs.kernelVersion(kernelFile);
        requireFile(firmware.code(), "install Debian's " + (firmware.uefi() ? "ovmf" : "seabios") + " package");
        firmware.vars().ifPresent(vars -> requireFile(vars, "install Debian's ovmf package"));
        switch (initramfs) {
            case Initramfs.Image image -> requireFile(image.file(), "give an initramfs image, or --package-root");
            case Initramfs.FromPackage fromPackage -> GuestInitramfs.requirePackage(fromPackage.root());
        }
        QemuMachine machine = new QemuMachine(directory);
        LabCreator.refuseExisting(machine.directory());
        boolean existed = Files.isDirectory(machine.directory());
        try {
            makeFiles(machine, firmware, family, initramfs, kernelFile, version);
        } catch (IOException | RuntimeException e) {
            // The folder was empty or absent (refuseExisting): leave it so, and a retry can use it.
            deleteCreated(machine.directory(), existed);
            throw switch (e) {
                case IOException io -> new UncheckedIOException("cannot create the QEMU machine in " + directory, io);
                case RuntimeException runtime -> runtime;
                default -> new IllegalStateException(e);
            };
        }
        // Written last: a folder without it is not a machine, whatever step stopped.
        new QemuDescriptor(firmware, family, firmware == QemuFirmware.OVMF_SECUREBOOT)
                .write(machine.directory().resolve(QemuDescriptor.FILE));
        return new Created(machine, QemuBoot.powerOn(machine, Optional.empty(), timeout));
    }

    private static void makeFiles(QemuMachine machine, QemuFirmware firmware, String family, Initramfs initramfs,
                                  Path kernelFile, String version) throws IOException {
        Files.createDirectories(machine.directory());
        Files.copy(firmware.code(), machine.firmwareCode(), StandardCopyOption.REPLACE_EXISTING);
        if (firmware.vars().isPresent()) {
            Files.copy(firmware.vars().get(), machine.firmwareVars(), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(kernelFile, machine.kernel(), StandardCopyOption.REPLACE_EXISTING);
        switch (initramfs) {
            case Initramfs.Image image -> Files.copy(image.file(), machine.initrd(), StandardCopyOption.REPLACE_EXISTING);
            case Initramfs.FromPackage fromPackage -> GuestInitramfs.build(fromPackage.root(), version, machine.initrd());
        }
        LabCreator.createDisk(machine.disk(), machine.recoveryPassphrase());
        Files.createDirectories(machine.tpmState());
        manufactureTpm(machine.tpmState(), family);
        Files.createDirectories(machine.bootDirectory());
        Files.createDirectories(machine.stateDirectory());
    }

    private static void deleteCreated(Path directory, boolean keepDirectory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(path -> !(keepDirectory && path.equals(directory)))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // What is left is reported by the next create's refusal of a non-empty folder.
        }
    }

    /** A TPM 2.0 with an SHA-256 bank only, so that the firmware's log and Custody's seals use one bank. */
    private static void manufactureTpm(Path state, String family) {
        if (family.equals(TpmInfo.FAMILY_1_2)) {
            VirtualTpm12.manufacture(state);
            return;
        }
        GuestInitramfs.run(List.of("swtpm_setup", "--tpm2", "--tpmstate", state.toString(), "--createek",
                "--pcr-banks", "sha256", "--overwrite"), java.util.Map.of());
    }

    static Path newestKernel() {
        try (var files = Files.list(Path.of("/boot"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-"))
                    .max(Comparator.comparing(f -> f.getFileName().toString()))
                    .orElseThrow(() -> new IllegalArgumentException("no kernel in /boot (vmlinuz-*); install linux-image-amd64"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /boot", e);
        }
    }

    private static void requireFile(Path file, String hint) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist; " + hint);
        }
    }
}
