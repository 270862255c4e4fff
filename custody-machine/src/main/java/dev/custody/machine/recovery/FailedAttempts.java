package dev.custody.machine.recovery;

import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Failed recovery attempts, counted in a TPM NV counter: it only goes up, survives power cycles
 * and cannot be rolled back. The state folder remembers the counter's value at the last
 * successful boot (what "since the last boot" counts from), at the last successful
 * authentication (what the delay counts from) and when the last failure happened.
 *
 * <p>The delay after the n-th failure in a row is {@link #FIRST_DELAY} doubled n-1 times, at
 * most {@link #MAX_DELAY}. A state file that is missing or unreadable counts every failure the
 * counter holds and starts the delay now: losing it never shortens a wait.
 */
public final class FailedAttempts {
    /** Next to the HOTP counter (0x01504d48); on a TPM 1.2 the counter's label. */
    public static final int COUNTER_INDEX = 0x01504d52;
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);

    private record State(long shownFrom, long delayFrom, Instant lastFailure) {}

    private final Tpm tpm;
    private final Path file;

    public FailedAttempts(Tpm tpm, Path stateDirectory) {
        this.tpm = tpm;
        this.file = stateDirectory.resolve("recovery-attempts");
    }

    /**
     * Creates the counter where it is missing (the owner passphrase authorises that) and counts
     * from its value now. A new TPM 2.0 counter has no value until its first increment, which
     * sets it to the highest count the TPM has seen; a TPM 1.2 counter starts readable, and is
     * not incremented here because a TPM 1.2 increments only one counter per power-on.
     */
    public void define(Secret ownerAuth) {
        if (!counterExists()) {
            tpm.defineCounter(COUNTER_INDEX, ownerAuth);
            if (!(tpm instanceof dev.custody.tpm.tpm12.Tpm12)) {
                tpm.incrementCounter(COUNTER_INDEX);
            }
        }
        long total = total();
        save(new State(total, total, Instant.EPOCH));
    }

    public boolean counterExists() {
        return tpm.counterExists(COUNTER_INDEX);
    }

    /** The counter's value; refuses, rather than guess zero, when the counter is missing. */
    public long total() {
        if (!counterExists()) {
            throw new IllegalStateException(String.format("the failed-attempt counter (TPM NV 0x%08x) is missing; set"
                    + " the recovery authentication again (custody recovery-auth set)", COUNTER_INDEX));
        }
        return tpm.readCounter(COUNTER_INDEX);
    }

    /** Failures since the last successful boot. */
    public long sinceLastBoot(Instant now) {
        long total = total();
        return Math.max(0, total - state(total, now).shownFrom());
    }

    /** At a successful boot: the count shown now restarts from zero. */
    public long boot(Instant now) {
        if (!counterExists()) {
            return 0;
        }
        long total = total();
        State state = state(total, now);
        save(new State(total, total, state.lastFailure()));
        return Math.max(0, total - state.shownFrom());
    }

    /** How long the next attempt must still wait; zero when it may go ahead. */
    public Duration waitBefore(Instant now) {
        long total = total();
        State state = state(total, now);
        long inARow = total - state.delayFrom();
        if (inARow <= 0) {
            return Duration.ZERO;
        }
        Instant allowed = state.lastFailure().plus(delayAfter(inARow));
        return now.isBefore(allowed) ? Duration.between(now, allowed) : Duration.ZERO;
    }

    /** Counts a failure in the TPM before anything else, and returns the delay it brings. */
    public Duration fail(Instant now) {
        long total;
        try {
            total = tpm.incrementCounter(COUNTER_INDEX);
        } catch (TpmException e) {
            throw new IllegalStateException("the failed attempt cannot be counted in the TPM (" + e.getMessage()
                    + "); refused", e);
        }
        State state = state(total - 1, now);
        save(new State(state.shownFrom(), state.delayFrom(), now));
        return delayAfter(total - state.delayFrom());
    }

    public void succeeded(Instant now) {
        long total = total();
        State state = state(total, now);
        save(new State(state.shownFrom(), total, state.lastFailure()));
    }

    static Duration delayAfter(long failuresInARow) {
        if (failuresInARow <= 0) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failuresInARow - 1, 30);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private State state(long total, Instant now) {
        if (Files.exists(file)) {
            try {
                Properties properties = new Properties();
                properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
                long shown = Long.parseLong(properties.getProperty("shownFrom"));
                long delay = Long.parseLong(properties.getProperty("delayFrom"));
                Instant last = Instant.ofEpochMilli(Long.parseLong(properties.getProperty("lastFailureMillis")));
                if (shown >= 0 && delay >= 0 && shown <= total && delay <= total) {
                    return new State(shown, delay, last);
                }
            } catch (IOException | RuntimeException e) {
                // Falls through to the strictest reading below.
            }
        }
        return new State(0, 0, now);
    }

    private void save(State state) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        AtomicFiles.writeString(file, "shownFrom=" + state.shownFrom() + "\ndelayFrom=" + state.delayFrom()
                + "\nlastFailureMillis=" + state.lastFailure().toEpochMilli() + "\n");
    }
}
