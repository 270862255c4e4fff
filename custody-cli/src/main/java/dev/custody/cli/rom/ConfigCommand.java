package dev.custody.cli.rom;

import dev.custody.cli.Json;
import dev.custody.cli.JsonOutput;
import dev.custody.common.TerminalText;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show or edit the Heads settings in " + HeadsFiles.CONFIG_USER + ".",
            "Without --set, prints the settings as KEY=VALUE lines."})
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    RomImage rom;

    @Option(names = "--set", paramLabel = "KEY=VALUE", arity = "1..*",
            description = "Set CONFIG_* settings: --set A=1 B=2, or --set repeated.")
    List<String> assignments = List.of();

    @Mixin
    RomOutput output;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FirmwareImage image = rom.read();
        ConfigUser config = HeadsFiles.configUser(image);
        if (assignments.isEmpty()) {
            PrintWriter out = spec.commandLine().getOut();
            if (json.requested()) {
                out.println(Json.write(config.settings()));
            } else {
                config.settings().forEach((key, value) -> out.println(TerminalText.escape(key) + "=" + TerminalText.escape(value)));
            }
            out.flush();
            return 0;
        }
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--set needs KEY=VALUE, got '" + assignment + "'");
            }
            config = config.with(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        output.write(rom, HeadsFiles.withConfigUser(CbfsEditor.of(image, Optional.empty()), config).bytes());
        if (json.requested()) {
            spec.commandLine().getOut().println(Json.write(config.settings()));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
