package dev.custody.boot.entry;

import java.util.ArrayList;
import java.util.List;

/**
 * A multiboot kernel, in practice Xen as Qubes OS boots it: the hypervisor with its own command
 * line, then modules (dom0 kernel with its command line, then the initramfs).
 */
public record MultibootEntry(String name, String kernel, String kernelArgs, List<Module> modules) implements BootEntry {
    public MultibootEntry {
        modules = List.copyOf(modules);
    }

    /** A multiboot module: a file and the command line passed with it. */
    public record Module(String path, String args) {
        String part() {
            return args.isEmpty() ? path : path + " " + args;
        }
    }

    @Override
    public String kexecType() {
        return "xen";
    }

    @Override
    public List<String> files() {
        List<String> files = new ArrayList<>();
        files.add(kernel);
        modules.forEach(module -> files.add(module.path()));
        return List.copyOf(files);
    }

    @Override
    public String menuLine() {
        StringBuilder line = new StringBuilder(name).append("|xen|kernel ").append(kernel);
        if (!kernelArgs.isEmpty()) {
            line.append(' ').append(kernelArgs);
        }
        modules.forEach(module -> line.append("|module ").append(module.part()));
        return line.toString();
    }
}
