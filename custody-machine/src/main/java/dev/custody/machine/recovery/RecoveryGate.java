package dev.custody.machine.recovery;

import dev.custody.boot.policy.BootMode;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.machine.Machine;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.SignatureCheck;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The one way past the signed boot: the recovery shell or a forced boot. It asks for the proof
 * the firmware's settings demand, counts and delays failures, and only on success extends PCR 4
 * (so the TOTP stops until the next power-on). Restricted mode refuses before anything is asked.
 *
 * <p>Malformed input (an empty passphrase, a file that is no signature) is refused without
 * counting; a well-formed wrong proof is counted in the TPM, then answered after the delay.
 */
public final class RecoveryGate {
    /** How the delay is waited out; tests pass one that records instead of sleeping. */
    public interface Pause {
        void sleep(Duration delay);
    }

    public static final Pause SLEEP = delay -> {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    /** What the person at the keyboard offers. */
    public sealed interface Proof {
        record Nothing() implements Proof {}

        record Passphrase(Secret passphrase) implements Proof {}

        /** The file gpg wrote: clearsigned, or a detached signature over the challenge line. */
        record Signature(byte[] file) implements Proof {}
    }

    /** What is being unlocked. */
    public sealed interface Request {
        record Recovery() implements Request {}

        record ForcedBoot(String why) implements Request {}
    }

    /** Entered: PCR 4 now records {@code mode}. */
    public record Entered(BootMode mode, String proof) {}

    /** A counted failure: the delay was waited out before this was thrown. */
    public static final class Refused extends RuntimeException {
        private final long sinceLastBoot;
        private final Duration delay;

        Refused(String reason, long sinceLastBoot, Duration delay) {
            super(reason + " (" + sinceLastBoot + " failed recovery attempt" + (sinceLastBoot == 1 ? "" : "s")
                    + " since the last boot, counted in the TPM; waited " + delay.toSeconds() + " s)");
            this.sinceLastBoot = sinceLastBoot;
            this.delay = delay;
        }

        public long sinceLastBoot() {
            return sinceLastBoot;
        }

        public Duration delay() {
            return delay;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Machine machine;
    private final RecoverySettings settings;
    private final Clock clock;
    private final Pause pause;

    public RecoveryGate(Machine machine, RecoverySettings settings, Clock clock, Pause pause) {
        this.machine = machine;
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
    }

    public static RecoveryGate of(Machine machine, Optional<Path> configFile) {
        return new RecoveryGate(machine, RecoverySettings.of(machine, configFile), Clock.systemUTC(), SLEEP);
    }

    public RecoverySettings settings() {
        return settings;
    }

    /** Failures since the last successful boot, or empty where no counter is kept. */
    public Optional<Long> failuresSinceLastBoot() {
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            FailedAttempts attempts = attempts(tpm);
            return attempts.counterExists() ? Optional.of(attempts.sinceLastBoot(clock.instant())) : Optional.empty();
        }
    }

    /** A fresh challenge for the owner's key; it replaces the one before. */
    public Challenge challenge() {
        refuseRestricted();
        if (!(settings.auth() instanceof RecoveryAuth.OpenPgp)) {
            throw new IllegalArgumentException("this machine's recovery authentication is " + settings.auth().mode()
                    + ", not gpg: there is no challenge to sign");
        }
        Challenge challenge = Challenge.fresh(machineId(), clock.instant());
        AtomicFiles.writeString(challengeFile(), challenge.line() + "\n");
        return challenge;
    }

    public Entered enter(Request request, Proof proof) {
        refuseRestricted();
        BootMode mode = switch (request) {
            case Request.Recovery r -> BootMode.recovery(settings.policy());
            case Request.ForcedBoot f -> BootMode.forced(settings.policy(), f.why());
        };
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            String how = check(tpm, proof);
            BootMode.measure(mode, tpm);
            return new Entered(mode, how);
        }
    }

    private void refuseRestricted() {
        if (settings.policy().restricted()) {
            throw new IllegalStateException("restricted boot (CONFIG_RESTRICTED_BOOT=y): there is no recovery shell and no"
                    + " forced boot on this machine");
        }
    }

    private String check(Tpm tpm, Proof proof) {
        RecoveryAuth auth = settings.auth();
        if (auth instanceof RecoveryAuth.None) {
            return "none asked (no recovery authentication is set)";
        }
        FailedAttempts attempts = attempts(tpm);
        Instant now = clock.instant();
        Duration wait = attempts.waitBefore(now);
        if (!wait.isZero()) {
            throw new IllegalStateException("too many failed recovery attempts: wait " + seconds(wait) + " s before the next");
        }
        Optional<String> failure = switch (auth) {
            case RecoveryAuth.Passphrase p -> passphrase(p.hash(), proof);
            case RecoveryAuth.OpenPgp g -> signature(proof, now);
            case RecoveryAuth.None n -> Optional.empty();
        };
        if (failure.isPresent()) {
            Duration delay = attempts.fail(now);
            pause.sleep(delay);
            throw new Refused(failure.get(), attempts.sinceLastBoot(now), delay);
        }
        attempts.succeeded(now);
        return auth.mode();
    }

    private static Optional<String> passphrase(PassphraseHash hash, Proof proof) {
        if (!(proof instanceof Proof.Passphrase given)) {
            throw new IllegalArgumentException("this machine's recovery authentication is a passphrase: give it"
                    + " (--passphrase-file F)");
        }
        return hash.matches(given.passphrase()) ? Optional.empty() : Optional.of("wrong recovery passphrase");
    }

    /** The stored challenge is used up by any attempt, good or bad, before the signature is looked at. */
    private Optional<String> signature(Proof proof, Instant now) {
        if (!(proof instanceof Proof.Signature given)) {
            throw new IllegalArgumentException("this machine's recovery authentication is the owner's OpenPGP key: make a"
                    + " challenge (--challenge), sign it with gpg --clearsign or --detach-sign and give the signature"
                    + " (--signature-file F)");
        }
        Challenge current = takeChallenge();
        if (current.expires().isBefore(now)) {
            throw new IllegalArgumentException("the challenge is older than " + Challenge.LIFETIME_MINUTES
                    + " minutes; make a new one (--challenge)");
        }
        SignedResponse response = SignedResponse.parse(given.file());
        Keyring keyring = Keyring.load(machine.firmwareKeyring().orElseThrow(() -> new IllegalStateException(
                "the firmware holds no owner keyring, so no signature can be checked")));
        List<byte[]> signed;
        byte[] signature;
        switch (response) {
            case SignedResponse.Clearsigned clear -> {
                if (!clear.text().equals(current.line())) {
                    return Optional.of(otherChallenge(clear.text()));
                }
                signed = List.of(clear.text().replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
                signature = clear.signature();
            }
            case SignedResponse.Detached detached -> {
                String line = current.line();
                signed = List.of(line + "\n", line, line + "\r\n").stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
                signature = detached.signature();
            }
        }
        String reason = null;
        for (byte[] data : signed) {
            switch (SignatureCheck.verify(signature, data, keyring, "the current challenge")) {
                case SignatureCheck.Good good -> {
                    return Optional.empty();
                }
                case SignatureCheck.Bad bad -> reason = reason == null ? bad.reason() : reason;
            }
        }
        return Optional.of("the signature is not good: " + reason);
    }

    private String otherChallenge(String text) {
        Challenge signed;
        try {
            signed = Challenge.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return signed.machine().equals(machineId()) ? "the signature is over an earlier challenge, not the current one"
                : "the signed challenge was made by another machine";
    }

    private Challenge takeChallenge() {
        Path file = challengeFile();
        String line;
        try {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("no challenge is waiting for a signature; make one (--challenge)");
            }
            line = Files.readString(file, StandardCharsets.US_ASCII).strip();
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the challenge in " + file, e);
        }
        Challenge challenge = Challenge.parse(line);
        if (!challenge.machine().equals(machineId())) {
            throw new IllegalArgumentException("the waiting challenge was made by another machine; make a new one (--challenge)");
        }
        return challenge;
    }

    /** A random name for this machine, made once: a challenge carries it, so one machine's is refused by another. */
    private String machineId() {
        Path file = machine.stateDirectory().resolve("machine-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (id.matches("[0-9a-f]{32}")) {
                    return id;
                }
                throw new IllegalStateException(file + " does not hold a machine id (32 hex digits)");
            }
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String hex = HexFormat.of().formatHex(id);
        AtomicFiles.writeString(file, hex + "\n");
        return hex;
    }

    private Path challengeFile() {
        return machine.stateDirectory().resolve("recovery-challenge");
    }

    private FailedAttempts attempts(Tpm tpm) {
        return new FailedAttempts(tpm, machine.stateDirectory());
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
