package dev.custody.attest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * TOTP codes depend on the clock. A machine whose RTC was reset (flat battery, firmware update)
 * shows codes the phone rejects, which looks exactly like tampering; say so instead.
 */
public final class ClockCheck {
    /**
     * Before any copy of Custody was built: 2026-01-01T00:00:00Z. Not Instant.parse, whose
     * formatter costs a boot-time command 6 ms to set up.
     */
    private static final Instant EARLIEST_BUILD = Instant.ofEpochSecond(1_767_225_600L);

    private final Instant buildTime;

    public ClockCheck(Instant buildTime) {
        this.buildTime = buildTime;
    }

    /**
     * Uses the time this copy of Custody was built: the modification time of the jar (or class
     * folder) it runs from, which the package keeps. A clock before it is certainly wrong. Not a
     * resource written at build time: reading one opens the jar, whose 9,000-entry index costs a
     * boot-time command ~35 ms, where the jar's time is one stat.
     */
    public static ClockCheck ofThisBuild() {
        try {
            Path code = Path.of(ClockCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClockCheck(Files.getLastModifiedTime(code).toInstant());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return new ClockCheck(EARLIEST_BUILD);
        }
    }

    /** A warning when {@code now} cannot be right, or empty when it is plausible. */
    public Optional<String> warning(Instant now) {
        if (now.isBefore(buildTime)) {
            return Optional.of("the clock says " + now + ", earlier than this copy of Custody was built ("
                    + buildTime + "); the RTC was probably reset, so TOTP codes will not match your phone "
                    + "until the time is set");
        }
        return Optional.empty();
    }
}
