package dev.custody.machine.qemu;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What the guest's Custody printed on its console, read from the machine-readable lines of the
 * boot-time command: {@code CUSTODY-TOTP}, {@code CUSTODY-DISK}, {@code CUSTODY-RECOVERY-FAILURES},
 * the base64 measurement log between {@code CUSTODY-EVENTLOG-BEGIN} and {@code -END}, and
 * {@code CUSTODY-DONE}. Kernel messages may interleave with them on the serial line; lines that
 * start with a kernel timestamp are skipped inside the log block.
 */
public record GuestConsole(Optional<Totp> totp, Optional<Disk> disk, OptionalInt recoveryFailures, boolean done,
                           Optional<byte[]> eventLog, List<String> guestLines) {
    private static final Pattern CODE = Pattern.compile("\\d{6,8}");
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/=]+");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");
    private static final Pattern KERNEL_LINE = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\].*");

    /** A code, or why there is none. */
    public record Totp(Optional<String> code, String reason) {}

    /** {@code by} is "tpm" or "passphrase" when opened. */
    public record Disk(boolean opened, Optional<String> by, String reason) {}

    public static GuestConsole parse(String console) {
        Optional<Totp> totp = Optional.empty();
        Optional<Disk> disk = Optional.empty();
        OptionalInt failures = OptionalInt.empty();
        boolean done = false;
        StringBuilder log = null;
        Optional<byte[]> eventLog = Optional.empty();
        List<String> guestLines = new ArrayList<>();
        for (String raw : console.split("\n", -1)) {
            String line = stripControls(raw).strip();
            if (log != null) {
                if (line.equals("CUSTODY-EVENTLOG-END")) {
                    eventLog = decode(log.toString());
                    log = null;
                } else if (BASE64_LINE.matcher(line).matches()) {
                    log.append(line);
                }
                continue;
            }
            int marker = line.indexOf("CUSTODY-");
            String custody = marker < 0 ? "" : line.substring(marker);
            if (custody.equals("CUSTODY-EVENTLOG-BEGIN")) {
                log = new StringBuilder();
            } else if (custody.startsWith("CUSTODY-TOTP:") && totp.isEmpty()) {
                totp = Optional.of(totp(custody.substring("CUSTODY-TOTP:".length()).strip()));
            } else if (custody.startsWith("CUSTODY-DISK:") && disk.isEmpty()) {
                disk = Optional.of(disk(custody.substring("CUSTODY-DISK:".length()).strip()));
            } else if (custody.startsWith("CUSTODY-RECOVERY-FAILURES:")) {
                failures = number(custody.substring("CUSTODY-RECOVERY-FAILURES:".length()).strip());
            } else if (custody.equals("CUSTODY-DONE")) {
                done = true;
            }
            if (!line.isEmpty() && !KERNEL_LINE.matcher(line).matches()) {
                guestLines.add(line);
            }
        }
        return new GuestConsole(totp, disk, failures, done, eventLog, List.copyOf(guestLines));
    }

    private static Totp totp(String value) {
        if (CODE.matcher(value).matches()) {
            return new Totp(Optional.of(value), "");
        }
        String reason = value.startsWith("none") ? value.substring("none".length()).strip() : value;
        return new Totp(Optional.empty(), reason.isEmpty() ? "the guest showed no code and gave no reason" : reason);
    }

    private static Disk disk(String value) {
        if (value.equals("opened tpm")) {
            return new Disk(true, Optional.of("tpm"), "opened by the TPM disk unlock key");
        }
        if (value.equals("opened passphrase")) {
            return new Disk(true, Optional.of("passphrase"), "opened by the recovery passphrase, not the TPM key");
        }
        String reason = value.startsWith("refused") ? value.substring("refused".length()).strip() : value;
        return new Disk(false, Optional.empty(), reason.isEmpty() ? "the guest refused the disk key and gave no reason" : reason);
    }

    /** A count the guest cannot make negative or overflow: digits only, at most nine. */
    private static OptionalInt number(String value) {
        return COUNT.matcher(value).matches() ? OptionalInt.of(Integer.parseInt(value)) : OptionalInt.empty();
    }

    private static Optional<byte[]> decode(String base64) {
        try {
            return base64.isEmpty() ? Optional.empty() : Optional.of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Firmware clears the screen with escape sequences; they carry nothing for the reader. */
    private static String stripControls(String line) {
        return line.replaceAll("\u001B\\[[0-9;=?]*[A-Za-z]", "").replaceAll("[\\p{Cc}&&[^\t]]", "");
    }
}
