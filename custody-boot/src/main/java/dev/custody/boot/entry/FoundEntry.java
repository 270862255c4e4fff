package dev.custody.boot.entry;

import static dev.custody.common.JsonMaps.object;

import java.util.Map;
import java.util.Optional;

/** An entry with where it was found: the config file (relative to /boot) and the GRUB submenu, if any. */
public record FoundEntry(BootEntry entry, String config, Optional<String> submenu) {
    /** The entry as 'boot entries --json' lists it, numbered from 1 as --entry and --default take it. */
    public Map<String, Object> toJson(int index) {
        Map<String, Object> out = object("index", index, "name", entry.name(), "kexectype", entry.kexecType());
        switch (entry) {
            case LinuxEntry linux -> {
                out.put("kernel", linux.kernel());
                out.put("initrds", linux.initrds());
                out.put("append", linux.append());
            }
            case MultibootEntry multiboot -> {
                out.put("kernel", multiboot.kernel());
                out.put("kernelArgs", multiboot.kernelArgs());
                out.put("modules", multiboot.modules().stream()
                        .map(module -> object("path", module.path(), "args", module.args())).toList());
            }
        }
        out.put("config", config);
        out.put("submenu", submenu.orElse(null));
        out.put("menuLine", entry.menuLine());
        return out;
    }
}
