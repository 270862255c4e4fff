package dev.custody.boot.manifest;

import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.LinuxEntry;
import dev.custody.boot.entry.MultibootEntry;
import java.util.List;
import java.util.Locale;

/** What a /boot file is, so the owner knows what they approve before re-signing. */
public enum FileClass {
    KERNEL("kernel"),
    INITRD("initrd"),
    XEN("Xen"),
    GRUB_CONFIG("GRUB config"),
    EFI_BINARY("EFI binary"),
    OTHER("other");

    private final String label;

    FileClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** By the role the boot entries give the file, else by its name. */
    public static FileClass of(String path, List<BootEntry> entries) {
        String slashed = path.startsWith("./") ? path.substring(1) : path.startsWith("/") ? path : "/" + path;
        for (BootEntry entry : entries) {
            switch (entry) {
                case LinuxEntry linux -> {
                    if (linux.kernel().equals(slashed)) {
                        return KERNEL;
                    }
                    if (linux.initrds().contains(slashed)) {
                        return INITRD;
                    }
                }
                case MultibootEntry xen -> {
                    if (xen.kernel().equals(slashed)) {
                        return XEN;
                    }
                    List<MultibootEntry.Module> modules = xen.modules();
                    for (int i = 0; i < modules.size(); i++) {
                        if (modules.get(i).path().equals(slashed)) {
                            return i == 0 ? KERNEL : INITRD;
                        }
                    }
                }
            }
        }
        return byName(slashed);
    }

    private static FileClass byName(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        if (name.endsWith(".efi") || lower.startsWith("/efi/")) {
            return EFI_BINARY;
        }
        if (name.equals("grub.cfg") || name.equals("grubenv") || name.endsWith(".conf") && lower.contains("/loader/entries/")
                || name.equals("isolinux.cfg") || name.equals("syslinux.cfg") || name.equals("extlinux.conf")) {
            return GRUB_CONFIG;
        }
        if (name.startsWith("xen")) {
            return XEN;
        }
        if (name.startsWith("vmlinuz") || name.startsWith("vmlinux") || name.startsWith("bzimage") || name.startsWith("kernel-")) {
            return KERNEL;
        }
        if (name.startsWith("initrd") || name.startsWith("initramfs") || name.endsWith("-ucode.img")) {
            return INITRD;
        }
        return OTHER;
    }
}
