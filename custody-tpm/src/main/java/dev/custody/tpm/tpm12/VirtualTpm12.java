package dev.custody.tpm.tpm12;

import dev.custody.common.AtomicFiles;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.VirtualTpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a virtual TPM 1.2 state as a ThinkPad x230 or T430 leaves the factory: endorsement key
 * present, no owner, NV locked (the firmware sets TPM_NV_INDEX_LOCK, so NV permissions apply),
 * physical presence assertable by command (TSC_PhysicalPresence). {@link VirtualTpm} then runs
 * swtpm without {@code --tpm2} for it.
 */
public final class VirtualTpm12 {
    private static final long SETUP_TIMEOUT_SECONDS = 60;

    private VirtualTpm12() {}

    public static void manufacture(Path directory) {
        try {
            Files.createDirectories(directory);
            if (Files.exists(directory.resolve("tpm-00.permall"))) {
                throw new TpmException(directory + " already holds a TPM state; choose an empty folder");
            }
            Path log = directory.resolve("swtpm_setup.log");
            Process setup = new ProcessBuilder(List.of("swtpm_setup", "--tpmstate", directory.toAbsolutePath().toString(),
                    "--createek", "--lock-nvram", "--logfile", log.toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!setup.waitFor(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                setup.destroyForcibly();
                throw new TpmException("swtpm_setup did not finish within " + SETUP_TIMEOUT_SECONDS + " s");
            }
            if (setup.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new TpmException("swtpm_setup could not make a TPM 1.2 state in " + directory + ": "
                        + (lines.isEmpty() ? "exit code " + setup.exitValue() : lines.get(lines.size() - 1)));
            }
            AtomicFiles.writeString(directory.resolve(VirtualTpm.FAMILY_FILE), "1.2\n");
        } catch (IOException e) {
            throw new TpmException("cannot make a TPM 1.2 state in " + directory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TpmException("interrupted while running swtpm_setup");
        }
    }
}
