package dev.custody.firmware.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs flashrom for one programmer (and optionally one chip definition). Custody verifies by
 * reading back itself, so writes skip flashrom's own verification.
 */
public record Flashrom(String executable, String programmer, Optional<String> chip) {
    public static Flashrom of(String programmer, Optional<String> chip) {
        return new Flashrom(locate(), programmer, chip);
    }

    /** Debian installs flashrom in /usr/sbin, which an ordinary user's PATH often lacks. */
    private static String locate() {
        String path = System.getenv().getOrDefault("PATH", "") + java.io.File.pathSeparator + "/usr/sbin:/sbin";
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "flashrom")).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElse("flashrom");
    }

    public void read(Path into) {
        run("read the flash chip", "-r", into.toString());
    }

    public void write(Path image) {
        run("write the flash chip", "-n", "-w", image.toString());
    }

    /** Writes only {@code region} as a flashrom layout file names it. */
    public void writeRegion(Path image, Path layout, String region) {
        run("write the " + region + " region", "-n", "-l", layout.toString(), "-i", region, "-w", image.toString());
    }

    private void run(String action, String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable, "-p", programmer));
        chip.ifPresent(c -> command.addAll(List.of("-c", c)));
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile("custody-flashrom", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new FlashException("flashrom could not " + action + " (exit " + exit + "): " + lastMessage(log));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new FlashException("cannot run flashrom to " + action + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlashException("interrupted while flashrom was running to " + action);
        }
    }

    /** flashrom ends with boilerplate asking for reports; the useful line is the last one before it. */
    private static String lastMessage(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        return lines.stream().filter(l -> l.startsWith("Error") || l.contains("No EEPROM/flash device found")
                        || l.contains("Multiple flash chip definitions") || l.contains("failed") || l.contains("Unknown"))
                .reduce((first, second) -> second).orElse(lines.isEmpty() ? "no output" : lines.getLast());
    }
}
