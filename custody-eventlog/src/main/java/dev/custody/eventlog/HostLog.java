package dev.custody.eventlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The measurement log of the machine Custody runs on: the kernel's copy in securityfs on UEFI
 * machines, or coreboot's, printed by {@code cbmem -L}, on coreboot machines.
 */
public final class HostLog {
    public static final Path SECURITYFS = Path.of("/sys/kernel/security/tpm0/binary_bios_measurements");
    private static final long CBMEM_TIMEOUT_SECONDS = 30;

    private HostLog() {}

    /** Where {@link #read()} takes the log from, for messages and JSON. */
    public static String source() {
        return Files.exists(SECURITYFS) ? SECURITYFS.toString() : "cbmem -L";
    }

    public static EventLog read() throws IOException {
        if (Files.exists(SECURITYFS)) {
            // securityfs reports size 0 and serves the log in pieces; read it whole before parsing.
            return EventLogs.parse(Files.readAllBytes(SECURITYFS));
        }
        return EventLogs.parse(cbmem());
    }

    private static byte[] cbmem() throws IOException {
        Process process;
        try {
            process = new ProcessBuilder("cbmem", "-L").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("this machine has no measurement log: " + SECURITYFS
                    + " does not exist (is securityfs mounted? are you root?) and cbmem is not installed");
        }
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(CBMEM_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("cbmem -L failed (exit code " + (process.isAlive() ? "none, timed out" : process.exitValue())
                        + "); it needs root and a coreboot machine");
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running cbmem -L", e);
        } finally {
            process.destroyForcibly();
        }
    }
}
