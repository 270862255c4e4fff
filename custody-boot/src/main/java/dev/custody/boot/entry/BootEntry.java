package dev.custody.boot.entry;

import java.util.List;

/**
 * One bootable choice, as Heads lists it in its menu. The menu line is the stable identity of an
 * entry: Heads stores it in {@code kexec_default.N.txt} and compares it at every boot.
 */
public sealed interface BootEntry permits LinuxEntry, MultibootEntry {
    String name();

    /** Heads' kexectype field: {@code elf} or {@code xen}. */
    String kexecType();

    /** Paths below /boot (with a leading slash) of every file kexec loads, kernel first. */
    List<String> files();

    /** {@code name|kexectype|kernel ...|initrd ...|append ...}, byte for byte as Heads writes it. */
    String menuLine();
}
