package dev.custody.boot.entry;

import java.util.ArrayList;
import java.util.List;

/** A Linux kernel with its initrds and command line (Heads' kexectype {@code elf}). */
public record LinuxEntry(String name, String kernel, List<String> initrds, String append) implements BootEntry {
    public LinuxEntry {
        initrds = List.copyOf(initrds);
    }

    @Override
    public String kexecType() {
        return "elf";
    }

    @Override
    public List<String> files() {
        List<String> files = new ArrayList<>();
        files.add(kernel);
        files.addAll(initrds);
        return List.copyOf(files);
    }

    @Override
    public String menuLine() {
        StringBuilder line = new StringBuilder(name).append("|elf|kernel ").append(kernel);
        initrds.forEach(initrd -> line.append("|initrd ").append(initrd));
        if (!append.isEmpty()) {
            line.append("|append ").append(append);
        }
        return line.toString();
    }
}
