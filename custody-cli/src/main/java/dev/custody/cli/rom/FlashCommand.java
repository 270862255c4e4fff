package dev.custody.cli.rom;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.flash.FlashOptions;
import dev.custody.firmware.flash.FlashReport;
import dev.custody.firmware.flash.SafeFlasher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "flash", mixinStandardHelpOptions = true,
        description = {"Write an image to the flash chip: back up the chip first, refuse a different size or descriptor layout,",
            "keep the owner's heads/ files (keys, config.user), write, then verify by reading back."})
final class FlashCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ROM", description = "The image to write.")
    Path rom;

    @Mixin
    FlashromOptions flashrom;

    @ArgGroup(exclusive = true)
    Settings settings = new Settings();

    static final class Settings {
        @Option(names = "--keep-settings", description = "Carry the chip's heads/ files into the new image (the default).")
        boolean keep;

        @Option(names = "--erase-settings", description = "Write the image as it is, dropping the chip's heads/ files.")
        boolean erase;
    }

    @Option(names = "--backup", paramLabel = "FILE",
            description = "Where to save the chip's current contents (default: custody-backup-<time>.rom here).")
    Optional<Path> backup;

    @Option(names = "--allow-layout-change", description = "Write even if the size or descriptor layout differs from the chip's.")
    boolean allowLayoutChange;

    @Option(names = "--bios-only", description = "Write only the descriptor's BIOS region (flashrom -i bios), as Heads does "
            + "when the descriptor keeps the host from writing the ME region.")
    boolean biosOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FirmwareImage image = FirmwareImage.read(rom);
        Path backupFile = backup.orElseGet(() -> Path.of("custody-backup-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".rom"));
        FlashReport report;
        try (TerminalProgress progress = TerminalProgress.start("Flashing", 4)) {
            report = new SafeFlasher(flashrom.flashrom(), progress)
                    .flash(image, new FlashOptions(backupFile, !settings.erase, allowLayoutChange, biosOnly));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Flashed and verified %d bytes. Previous contents saved in %s.%n", report.bytesWritten(), report.backup());
        report.carriedOver().forEach(name -> out.println("Kept " + name));
        out.flush();
        return 0;
    }
}
