package dev.custody.machine.qemu;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The QEMU guest's serial console, which whoever controls the guest writes. Reading it never
 * fails: what it cannot read is simply absent (no code, no log). A thrown exception, a negative
 * failure count, or a control character left in a line shown to the user is a finding.
 */
class GuestConsoleFuzzTest {
    @FuzzTest
    void consoles(byte[] data) {
        GuestConsole guest = GuestConsole.parse(new String(data, StandardCharsets.UTF_8));
        if (guest.recoveryFailures().isPresent() && guest.recoveryFailures().getAsInt() < 0) {
            throw new IllegalStateException("negative failure count " + guest.recoveryFailures().getAsInt());
        }
        for (String line : guest.guestLines()) {
            if (line.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                throw new IllegalStateException("a control character left in a guest line");
            }
        }
    }
}
