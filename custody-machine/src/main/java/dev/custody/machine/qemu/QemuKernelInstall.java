package dev.custody.machine.qemu;

import dev.custody.common.AtomicFiles;
import dev.custody.common.InputFiles;
import dev.custody.common.TerminalText;
import dev.custody.eventlog.BootApplicationUpdate.Target;
import dev.custody.eventlog.pe.MalformedImageException;
import dev.custody.eventlog.pe.PeImage;
import dev.custody.eventlog.pe.QemuKernelImage;
import dev.custody.machine.KernelUpdate;
import dev.custody.machine.KernelUpdateJson;
import dev.custody.machine.QemuMachine;
import dev.custody.common.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A kernel update on a QEMU machine, the way the package's kernel hook does it on a laptop: first
 * the TOTP secret and the disk key are resealed to the PCRs predicted for the new kernel (this
 * machine's last exported log replayed with the new PCR 4 digest), then the kernel replaces
 * DIR/vmlinuz. A run interrupted between the two is completed by running it again (the reseal
 * recognises its own work). When nothing can be predicted the kernel is installed all the same,
 * as dpkg would, and the outcome says that the secrets must be sealed again after the next power-on.
 */
public final class QemuKernelInstall {
    private QemuKernelInstall() {}

    /** @param release what the new kernel says it is (uname -r) */
    public record Installed(Path kernel, String release, KernelUpdate.Outcome update) {
        /** What 'lab install-kernel' prints for the {@code given} kernel file on {@code machine} (its folder as given: {@code directory}). */
        public String text(QemuMachine machine, Path given, Path directory) {
            String powerOn = "the next 'custody lab power-on " + directory + "'";
            return update.text(machine, given, powerOn) + "\n" + TerminalText.escape("Installed " + given + " (Linux " + release
                    + ") as " + kernel + "; " + powerOn + " boots it.");
        }

        /** The same as 'lab install-kernel --json' reports it: the reseal's members, then where the kernel went. */
        public Map<String, Object> toJson(Path given) {
            Map<String, Object> json = KernelUpdateJson.of(given, update);
            json.put("installed", kernel.toString());
            json.put("release", release);
            return json;
        }
    }

    public static Installed install(QemuMachine machine, Path newKernel, Secret ownerAuth, Optional<Secret> diskPassphrase) {
        boolean uefi = machine.firmware().uefi();
        byte[] image = read(newKernel);
        String release = checkBootable(machine, newKernel, image, uefi);
        KernelUpdate.Outcome update = uefi
                ? KernelUpdate.update(machine, QemuBoot.measuredKernel(machine, image), new Target.OnlyOne(), ownerAuth, diskPassphrase)
                : new KernelUpdate.Outcome(new KernelUpdate.Prediction.Unaffected("SeaBIOS does not measure the kernel QEMU"
                        + " loads through fw_cfg, so no sealed PCR changes"), Optional.empty());
        AtomicFiles.write(machine.kernel(), image);
        return new Installed(machine.kernel(), release, update);
    }

    /**
     * The guest initramfs was built once, for the modules of the kernel the machine was created
     * with; a kernel of another release would boot without its disk and TPM drivers.
     */
    private static String checkBootable(QemuMachine machine, Path newKernel, byte[] image, boolean uefi) {
        String release;
        try {
            release = QemuKernelImage.release(image);
            if (uefi) {
                PeImage.parse(image);
            }
        } catch (MalformedImageException e) {
            throw new IllegalArgumentException(newKernel + " is not a Linux kernel with an EFI stub (" + e.getMessage() + ")");
        }
        String current;
        try {
            current = QemuKernelImage.release(read(machine.kernel()));
        } catch (MalformedImageException e) {
            throw new IllegalArgumentException("the machine's own kernel " + machine.kernel() + " is unreadable (" + e.getMessage() + ")");
        }
        if (!release.equals(current)) {
            throw new IllegalArgumentException(newKernel + " is Linux " + release + ", but the guest initramfs of "
                    + machine.directory() + " holds the modules of " + current + ": it would boot without its disk drivers"
                    + " (install a kernel of release " + current + ", or create a machine with --kernel " + newKernel + ")");
        }
        return release;
    }

    private static byte[] read(Path file) {
        try {
            return InputFiles.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
