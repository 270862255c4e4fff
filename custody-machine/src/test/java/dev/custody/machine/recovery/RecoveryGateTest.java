package dev.custody.machine.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.policy.BootPolicy;
import dev.custody.common.Secret;
import dev.custody.machine.HostMachine;
import dev.custody.machine.recovery.RecoveryGate.Proof;
import dev.custody.machine.recovery.RecoveryGate.Request;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.testing.Swtpm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The gate on a real swtpm, with the clock and the pause injected so that no test sleeps. */
class RecoveryGateTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    Path state;

    private final List<Duration> pauses = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private HostMachine machine;
    private static final PassphraseHash HASH = PassphraseHash.create(text("recovery words 7"));

    @BeforeEach
    void counter() {
        machine = new HostMachine(TpmSpec.parse(swtpm.spec()), state, state.resolve("boot"));
        try (Tpm tpm = swtpm.open()) {
            new FailedAttempts(tpm, state).define(Secret.empty());
        }
    }

    private RecoveryGate gate(RecoveryAuth auth) {
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now;
            }
        };
        return new RecoveryGate(machine, new RecoverySettings(BootPolicy.DEFAULT, auth), clock, pauses::add);
    }

    private static Secret text(String value) {
        return Secret.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] pcr4() {
        try (Tpm tpm = swtpm.open()) {
            return tpm.readPcrs(PcrBank.SHA256, List.of(4)).get(4);
        }
    }

    @Test
    void failuresDoubleTheDelayUpToTheCapAndAnEarlyAttemptIsRefusedUnchecked() {
        RecoveryGate gate = gate(new RecoveryAuth.Passphrase(HASH));
        byte[] before = pcr4();
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Passphrase(text("wrong words"))))
                    .isInstanceOf(RecoveryGate.Refused.class).hasMessageStartingWith("wrong recovery passphrase");
            now = now.plus(pauses.getLast());
        }
        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
        assertThat(gate.failuresSinceLastBoot()).contains(8L);

        now = now.plus(Duration.ofSeconds(1));
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Passphrase(text("wrong words"))))
                .isInstanceOf(RecoveryGate.Refused.class);
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Passphrase(text("recovery words 7"))))
                .hasMessage("too many failed recovery attempts: wait 60 s before the next");
        assertThat(pcr4()).isEqualTo(before);

        now = now.plus(Duration.ofSeconds(60));
        assertThat(gate.enter(new Request.ForcedBoot("test"), new Proof.Passphrase(text("recovery words 7"))).mode().pcr4Event())
                .isEqualTo("unsafe-boot");
        assertThat(pcr4()).isNotEqualTo(before);
        pauses.clear();
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Passphrase(text("wrong words"))))
                .isInstanceOf(RecoveryGate.Refused.class);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aLostStateFileNeverShortensTheWait() throws Exception {
        RecoveryGate gate = gate(new RecoveryAuth.Passphrase(HASH));
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Passphrase(text("wrong words"))))
                .isInstanceOf(RecoveryGate.Refused.class);
        Files.delete(state.resolve("recovery-attempts"));
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Passphrase(text("recovery words 7"))))
                .hasMessageStartingWith("too many failed recovery attempts");
    }

    @Test
    void aChallengeExpiresAndIsUsedUpByAnyAttempt() {
        machine = new HostMachine(TpmSpec.parse(swtpm.spec()), state, state.resolve("boot"));
        RecoveryGate gate = gate(new RecoveryAuth.OpenPgp());
        Challenge challenge = gate.challenge();
        assertThat(Challenge.parse(challenge.line())).isEqualTo(challenge);
        now = now.plus(Duration.ofMinutes(Challenge.LIFETIME_MINUTES + 1));
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Signature(new byte[] {1})))
                .hasMessage("the challenge is older than 10 minutes; make a new one (--challenge)");
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Signature(new byte[] {1})))
                .hasMessage("no challenge is waiting for a signature; make one (--challenge)");
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Passphrase(text("recovery words 7"))))
                .hasMessageContaining("the owner's OpenPGP key");
        assertThat(gate.failuresSinceLastBoot()).contains(0L);
    }

    @Test
    void aChallengeMadeByAnotherMachineIsRefused() throws Exception {
        RecoveryGate gate = gate(new RecoveryAuth.OpenPgp());
        gate.challenge();
        Files.writeString(state.resolve("recovery-challenge"), Challenge.fresh("0".repeat(32), now).line());
        assertThatThrownBy(() -> gate.enter(new Request.Recovery(), new Proof.Signature(new byte[] {1})))
                .hasMessage("the waiting challenge was made by another machine; make a new one (--challenge)");
    }

    @Test
    void theConfigLineRoundTripsAndUnknownParametersAreRefused() {
        RecoveryAuth auth = new RecoveryAuth.Passphrase(HASH);
        assertThat(RecoveryAuth.parse(auth.configValue())).isEqualTo(auth);
        assertThat(auth.configValue()).startsWith("pbkdf2-sha256:600000:").doesNotContain("$");
        assertThat(HASH.matches(text("recovery words 7"))).isTrue();
        assertThat(HASH.matches(text("recovery words 8"))).isFalse();
        String[] fields = auth.configValue().split(":");
        assertThatThrownBy(() -> RecoveryAuth.parse("pbkdf2-sha256:1000:" + fields[2] + ":" + fields[3]))
                .hasMessage("CONFIG_CUSTODY_RECOVERY_AUTH in config.user iterations must be 100000-10000000, not 1000");
        assertThatThrownBy(() -> RecoveryAuth.parse("pbkdf2-sha256:9999999999:" + fields[2] + ":" + fields[3]))
                .hasMessageContaining("iterations must be");
        assertThatThrownBy(() -> RecoveryAuth.parse(auth.configValue() + ":extra")).hasMessageContaining("4 fields, not 5");
        assertThatThrownBy(() -> RecoveryAuth.parse("argon2:1")).hasMessageContaining("unknown method 'argon2'");
        assertThatThrownBy(() -> PassphraseHash.create(text("short"))).hasMessage("the recovery passphrase is shorter than 8 characters");
    }
}
