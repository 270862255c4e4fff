package dev.custody.machine.qemu;

import dev.custody.machine.QemuMachine;
import dev.custody.machine.lab.LabCreator;
import dev.custody.machine.lab.Tamper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The tampering that makes sense on a machine that really boots. Each one changes what the
 * firmware or the guest measures at the next power-on, and nothing is resealed.
 */
public final class QemuTamper {
    /** Bytes after the signed PE image: the Authenticode digest covers them, the EFI stub ignores them. */
    static final byte[] KERNEL_TRAILER = "custody lab tamper: appended to the kernel\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private QemuTamper() {}

    public static void apply(QemuMachine machine, Tamper kind) {
        QemuDescriptor descriptor = machine.descriptor();
        QemuFirmware firmware = descriptor.firmware();
        try {
            switch (kind) {
                case SECUREBOOT -> {
                    if (firmware != QemuFirmware.OVMF_SECUREBOOT) {
                        throw refuse(kind, machine, "it needs an ovmf-secureboot machine");
                    }
                    QemuTpm.release(machine);
                    copy(QemuFirmware.VARS_WITHOUT_KEYS, machine.firmwareVars());
                }
                case FIRMWARE -> {
                    if (!firmware.uefi()) {
                        throw refuse(kind, machine, "it swaps OVMF builds, and this machine runs SeaBIOS");
                    }
                    QemuTpm.release(machine);
                    // The other build: the secure-boot one (with SMM) for the plain one, and back.
                    boolean toSmm = !descriptor.smm();
                    copy(toSmm ? QemuFirmware.SMM_CODE : QemuFirmware.OVMF.code(), machine.firmwareCode());
                    descriptor.withSmm(toSmm).write(machine.directory().resolve(QemuDescriptor.FILE));
                }
                case KERNEL -> {
                    QemuTpm.release(machine);
                    Files.write(machine.kernel(), KERNEL_TRAILER, StandardOpenOption.APPEND);
                }
                case BOOTORDER -> {
                    if (!firmware.uefi()) {
                        throw refuse(kind, machine, "SeaBIOS keeps no boot order variables to measure");
                    }
                    QemuTpm.release(machine);
                    // QEMU's own boot order (bootindex) is not measured: OVMF starts a -kernel before it
                    // reads it. BootOrder in the vars is what it measures at ReadyToBoot.
                    OvmfVars.putNewEntryFirst(machine.firmwareVars(), "custody lab tamper: boot entry put first");
                }
                case LUKS_HEADER -> LabCreator.run(List.of("cryptsetup", "config", "--label", "tampered", machine.disk().toString()));
                default -> throw refuse(kind, machine, "it is for simulated lab machines (secureboot, firmware, kernel, "
                        + "bootorder and luks-header are for QEMU machines)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tamper with " + machine.directory(), e);
        }
    }

    private static IllegalArgumentException refuse(Tamper kind, QemuMachine machine, String why) {
        return new IllegalArgumentException("cannot apply tamper kind '" + kind.label() + "' to " + machine.directory() + ": " + why);
    }

    private static void copy(Path from, Path to) throws IOException {
        Path temp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
