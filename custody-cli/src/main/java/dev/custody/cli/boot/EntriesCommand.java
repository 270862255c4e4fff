package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.EntryScan;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.cli.Json;
import dev.custody.common.TerminalText;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "entries", mixinStandardHelpOptions = true,
        description = {"List the boot entries of GRUB, syslinux/isolinux and BLS configs,",
            "one Heads menu line each: name|kexectype|kernel ...|initrd ...|append ...",
            "Only what signing would cover is read; each refused config or file is named, with exit 1."})
public final class EntriesCommand implements Callable<Integer> {
    @Mixin BootDirectory boot;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        EntryScan scan = BootEntries.scan(boot.path(), BootContent.toBeSigned(boot.path()));
        List<FoundEntry> entries = scan.entries();
        if (output.requested()) {
            System.out.println(Json.write(IntStream.range(0, entries.size()).mapToObj(i -> entries.get(i).toJson(i + 1)).toList()));
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
}
