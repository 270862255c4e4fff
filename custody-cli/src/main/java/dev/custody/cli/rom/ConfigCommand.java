package dev.custody.cli.rom;

import dev.custody.cli.Json;
import dev.custody.cli.JsonOutput;
import dev.custody.cli.StandardOutput;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.heads.ConfigUser;
import dev.custody.firmware.heads.HeadsFiles;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show or edit the Heads settings in " + HeadsFiles.CONFIG_USER + ".",
            "Without --set, prints the settings as KEY=VALUE lines."})
public final class ConfigCommand implements Callable<Integer> {
    @Mixin RomImage rom;

    @Option(names = "--set", paramLabel = "KEY=VALUE", arity = "1..*",
            description = "Set CONFIG_* settings: --set A=1 B=2, or --set repeated.")
    List<String> assignments = List.of();

    @Mixin RomOutput output;

    @Mixin JsonOutput json;

    @Override
    public Integer call() throws Exception {
        FirmwareImage image = rom.read();
        ConfigUser config = HeadsFiles.configUser(image);
        PrintWriter out = StandardOutput.writer();
        if (assignments.isEmpty()) {
            json.print(out, config::settings, config::settingsText);
            return 0;
        }
        ConfigUser changed = config.withAssignments(assignments);
        output.write(rom, HeadsFiles.withConfigUser(CbfsEditor.of(image, Optional.empty()), changed).bytes());
        if (json.requested()) {
            out.println(Json.write(changed.settings()));
            out.flush();
        }
        return 0;
    }
}
