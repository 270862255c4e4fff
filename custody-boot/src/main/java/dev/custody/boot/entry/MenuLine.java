package dev.custody.boot.entry;

import java.util.ArrayList;
import java.util.List;

/** Reads a Heads menu line back into an entry, e.g. the one saved in {@code kexec_default.N.txt}. */
public final class MenuLine {
    private MenuLine() {}

    public static BootEntry parse(String line) {
        String[] fields = line.strip().split("\\|", -1);
        if (fields.length < 3 || !fields[2].startsWith("kernel ")) {
            throw new IllegalArgumentException("not a boot menu line (name|kexectype|kernel ...): " + line.strip());
        }
        List<String> kernel = ConfigText.words(fields[2].substring("kernel ".length()));
        if (kernel.isEmpty()) {
            throw new IllegalArgumentException("no kernel in boot menu line: " + line.strip());
        }
        List<String> initrds = new ArrayList<>();
        List<MultibootEntry.Module> modules = new ArrayList<>();
        String append = "";
        for (int i = 3; i < fields.length; i++) {
            List<String> words = ConfigText.words(fields[i]);
            if (words.size() < 2) {
                throw new IllegalArgumentException("empty part '" + fields[i] + "' in boot menu line: " + line.strip());
            }
            switch (words.getFirst()) {
                case "initrd" -> initrds.add(words.get(1));
                case "module" -> modules.add(new MultibootEntry.Module(words.get(1), ConfigText.rest(words, 2)));
                case "append" -> append = ConfigText.rest(words, 1);
                default -> throw new IllegalArgumentException("unknown part '" + words.getFirst() + "' in boot menu line: " + line.strip());
            }
        }
        return switch (fields[1]) {
            case "elf" -> new LinuxEntry(fields[0], kernel.getFirst(), initrds, append);
            case "xen", "multiboot" -> new MultibootEntry(fields[0], kernel.getFirst(), ConfigText.rest(kernel, 1), modules);
            default -> throw new IllegalArgumentException("unknown kexec type '" + fields[1] + "' in boot menu line: " + line.strip());
        };
    }
}
