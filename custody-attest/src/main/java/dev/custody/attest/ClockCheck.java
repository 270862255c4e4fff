package dev.custody.attest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * TOTP codes depend on the clock. A machine whose RTC was reset (flat battery, firmware update)
 * shows codes the phone rejects, which looks exactly like tampering; say so instead.
 */
public final class ClockCheck {
    private final Instant buildTime;

    public ClockCheck(Instant buildTime) {
        this.buildTime = buildTime;
    }

    /** Uses the time this copy of Custody was built: a clock before it is certainly wrong. */
    public static ClockCheck ofThisBuild() {
        try (InputStream in = ClockCheck.class.getResourceAsStream("build.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return new ClockCheck(Instant.parse(properties.getProperty("build.time", "2026-01-01T00:00:00Z")));
        } catch (IOException | DateTimeParseException e) {
            return new ClockCheck(Instant.parse("2026-01-01T00:00:00Z"));
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
