package dev.custody.machine.boot;

import dev.custody.common.Secret;
import java.io.Console;
import java.io.PrintStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The boot console of 'boot unlock': a line per outcome, each also as one CUSTODY-* line that
 * {@code qemu.GuestConsole} reads back from a QEMU guest's serial console, and passphrases typed
 * without echo when there is a terminal ({@code terminal} is null when none may be asked).
 */
public record UnlockConsole(PrintStream out, Console terminal) implements BootUnlock.Console {
    @Override
    public void totp(PowerOnReport.Totp totp) {
        switch (totp) {
            case PowerOnReport.Totp.Shown shown -> {
                out.println("TOTP code " + shown.code() + " (" + shown.secondsLeft()
                        + " s left): compare it with your authenticator app before typing anything.");
                out.println("CUSTODY-TOTP: " + shown.code());
            }
            case PowerOnReport.Totp.Refused refused -> out.println("CUSTODY-TOTP: none " + oneLine(refused.reason()));
            case PowerOnReport.Totp.NotSealed notSealed -> out.println(
                    "CUSTODY-TOTP: none no TOTP secret is sealed in this TPM (" + notSealed.hint() + ")");
        }
    }

    @Override
    public void tpmRefused(String reason) {
        out.println("The TPM does not open the disk: " + oneLine(reason));
    }

    @Override
    public Optional<Secret> ask(String prompt) {
        if (terminal == null) {
            return Optional.empty();
        }
        char[] typed = terminal.readPassword("%s", prompt);
        if (typed == null) {
            return Optional.empty();
        }
        var bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(typed));
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        Arrays.fill(typed, '\0');
        Arrays.fill(bytes.array(), (byte) 0);
        return Optional.of(Secret.adopt(copy));
    }

    /** The last lines: the disk's outcome, the measurement log in base64, and CUSTODY-DONE. */
    public void finish(BootUnlock.Report report) {
        out.println("CUSTODY-DISK: " + switch (report.disk()) {
            case BootUnlock.Disk.Opened opened -> "opened " + opened.by().name().toLowerCase(Locale.ROOT);
            case BootUnlock.Disk.Refused refused -> "refused " + oneLine(refused.reason());
        });
        report.measurementLog().ifPresentOrElse(log -> {
            out.println("CUSTODY-EVENTLOG-BEGIN");
            out.println(Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(log));
            out.println("CUSTODY-EVENTLOG-END");
        }, () -> out.println("custody: no measurement log to export (securityfs is not mounted, or the firmware keeps none)"));
        out.println("CUSTODY-DONE");
    }

    private static String oneLine(String text) {
        return text.replace("\n", "; ");
    }
}
