package dev.custody.cli.rom;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.StandardOutput;
import dev.custody.cli.LabMachineOption;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.common.Secret;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.flash.FlashOptions;
import dev.custody.firmware.flash.FlashReport;
import dev.custody.firmware.flash.SafeFlasher;
import dev.custody.machine.LabMachine;
import dev.custody.ownership.OwnerFirmwareUpdate;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "flash", mixinStandardHelpOptions = true,
        description = {"Write an image to the flash chip: back up the chip first, refuse a different size or descriptor layout,",
            "keep the owner's heads/ files (keys, config.user), write, then verify by reading back.",
            "With --machine DIR it flashes the lab machine instead of a chip; if a TOTP is sealed, it is resealed to",
            "the measurements the new image will produce, so the phone keeps working after power-on."})
public final class FlashCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ROM", description = "The image to write.") Path rom;

    @Mixin FlashromOptions flashrom;

    @ArgGroup(exclusive = true) Settings settings = new Settings();

    static final class Settings {
        @Option(names = "--keep-settings", description = "Carry the chip's heads/ files into the new image (the default).") boolean keep;

        @Option(names = "--erase-settings", description = "Write the image as it is, dropping the chip's heads/ files.") boolean erase;
    }

    @Option(names = "--backup", paramLabel = "FILE",
            description = "Where to save the chip's current contents (default: custody-backup-<time>.rom here).")
    Optional<Path> backup;

    @Option(names = "--allow-layout-change", description = "Write even if the size or descriptor layout differs from the chip's.")
    boolean allowLayoutChange;

    @Option(names = "--bios-only", description = "Write only the descriptor's BIOS region (flashrom -i bios), as Heads does "
            + "when the descriptor keeps the host from writing the ME region.")
    boolean biosOnly;

    /** Flashes the lab machine instead of a chip; a sealed TOTP is resealed to the new image's measurements. */
    @Mixin LabMachineOption machine;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Mixin JsonOutput json;

    @Override
    public Integer call() throws Exception {
        FirmwareImage image = FirmwareImage.read(rom);
        if (machine.directory().isPresent()) {
            return flashLab(image);
        }
        Path backupFile = backup.orElseGet(FlashOptions::defaultBackup);
        FlashReport report;
        try (TerminalProgress progress = TerminalProgress.start("Flashing", 4)) {
            report = new SafeFlasher(flashrom.flashrom(), progress)
                    .flash(image, new FlashOptions(backupFile, !settings.erase, allowLayoutChange, biosOnly));
        }
        json.print(StandardOutput.writer(), report::toJson, report::lines);
        return 0;
    }

    private int flashLab(FirmwareImage image) {
        LabMachine lab = machine.lab().orElseThrow();
        Path backupFile = backup.orElse(lab.directory().resolve("rom.bin.backup"));
        OwnerFirmwareUpdate.Report flashed;
        try (Secret ownerAuth = ownerPassphrase.read()) {
            flashed = OwnerFirmwareUpdate.flash(lab, image, !settings.erase, backupFile, ownerAuth);
        }
        json.print(StandardOutput.writer(), () -> flashed.toJson(lab.directory()),
                () -> flashed.lines(machine.directory().orElseThrow()));
        return 0;
    }
}
