package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.EntryScan;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.boot.entry.LinuxEntry;
import dev.custody.boot.entry.MultibootEntry;
import dev.custody.cli.Json;
import dev.custody.common.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "entries", mixinStandardHelpOptions = true,
        description = {"List the boot entries of GRUB, syslinux/isolinux and BLS configs,",
            "one Heads menu line each: name|kexectype|kernel ...|initrd ...|append ...",
            "Only what signing would cover is read; each refused config or file is named, with exit 1."})
final class EntriesCommand implements Callable<Integer> {
    @Mixin
    BootDirectory boot;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        EntryScan scan = BootEntries.scan(boot.path(), BootContent.toBeSigned(boot.path()));
        List<FoundEntry> entries = scan.entries();
        if (output.requested()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                out.add(describe(i + 1, entries.get(i)));
            }
            System.out.println(Json.write(out));
        } else {
            entries.forEach(e -> System.out.println(TerminalText.escape(e.entry().menuLine())));
        }
        scan.refusals().forEach(r -> System.err.println("custody: " + r.file() + ": " + r.reason()));
        if (entries.isEmpty()) {
            System.err.println("custody: no boot entries found in " + boot.path());
            return 1;
        }
        return scan.refusals().isEmpty() ? 0 : 1;
    }

    private static Map<String, Object> describe(MultibootEntry.Module module) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", module.path());
        out.put("args", module.args());
        return out;
    }

    static Map<String, Object> describe(int index, FoundEntry found) {
        Map<String, Object> out = new LinkedHashMap<>();
        BootEntry entry = found.entry();
        out.put("index", index);
        out.put("name", entry.name());
        out.put("kexectype", entry.kexecType());
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
                        .map(EntriesCommand::describe).toList());
            }
        }
        out.put("config", found.config());
        out.put("submenu", found.submenu().orElse(null));
        out.put("menuLine", entry.menuLine());
        return out;
    }
}
