package dev.custody.cli.own;

import dev.custody.firmware.FirmwareImage;
import dev.custody.machine.Machine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The machine's firmware image: a lab's rom.bin, or for this computer the image flashrom read (--rom). */
final class FirmwareSource {
    @Option(names = "--rom", paramLabel = "FILE",
            description = "This computer's firmware image (flashrom -p internal -r FILE); lab machines use their rom.bin.")
    Path rom;

    Optional<FirmwareImage> image(Machine machine) {
        Optional<Path> chosen = Optional.ofNullable(rom).or(machine::firmwareImageFile);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        Path file = chosen.get();
        try {
            return Optional.of(FirmwareImage.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the firmware image " + file, e);
        }
    }
}
