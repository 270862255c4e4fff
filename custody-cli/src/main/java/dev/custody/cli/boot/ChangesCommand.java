package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.manifest.Change;
import dev.custody.boot.manifest.ChangeReport;
import dev.custody.cli.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"List the /boot files added, removed or changed since it was last signed,",
            "each classified (kernel, initrd, Xen, GRUB config, EFI binary, other), before re-signing.",
            "This reads the lists as they are; boot verify checks that they are authentic."})
public final class ChangesCommand implements Callable<Integer> {
    @Mixin BootDirectory boot;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        List<Change> changes = ChangeReport.compare(boot.path());
        if (output.requested()) {
            System.out.println(Json.write(changes.stream().map(Change::toJson).toList()));
        } else if (changes.isEmpty()) {
            System.out.println("No changes since /boot was signed.");
        } else {
            System.out.print(Change.text(changes));
        }
        return 0;
    }
}
