package dev.custody.machine.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuestConsoleTest {
    private static final String LOG = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

    @Test
    void readsTheCodeTheDiskAndTheLogAmongKernelLines() {
        GuestConsole guest = GuestConsole.parse("""
                \u001B[2J\u001B[01;01HBdsDxe: starting
                [    3.236709] tpm_tis MSFT0101:00: 2.0 TPM (device-id 0x1, rev-id 1)
                Begin: Running /scripts/local-top ... CUSTODY-TOTP: 123456\r
                CUSTODY-EVENTLOG-BEGIN
                %s
                [   12.000000] random: crng init done
                CUSTODY-EVENTLOG-END
                CUSTODY-DISK: opened tpm
                CUSTODY-RECOVERY-FAILURES: 2
                CUSTODY-DONE
                """.formatted(LOG));
        assertThat(guest.totp()).contains(new GuestConsole.Totp(Optional.of("123456"), ""));
        assertThat(guest.disk().orElseThrow().opened()).isTrue();
        assertThat(guest.disk().orElseThrow().by()).contains("tpm");
        assertThat(guest.recoveryFailures().getAsInt()).isEqualTo(2);
        assertThat(guest.done()).isTrue();
        assertThat(guest.eventLog().orElseThrow()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(guest.guestLines()).contains("BdsDxe: starting").noneMatch(l -> l.startsWith("[ "));
    }

    @Test
    void keepsTheReasonsWhenNothingWasReleased() {
        GuestConsole guest = GuestConsole.parse("""
                CUSTODY-TOTP: none PCR 7 changed: SecureBoot: disabled
                CUSTODY-DISK: refused PCR 7 changed
                """);
        assertThat(guest.totp().orElseThrow().code()).isEmpty();
        assertThat(guest.totp().orElseThrow().reason()).isEqualTo("PCR 7 changed: SecureBoot: disabled");
        assertThat(guest.disk().orElseThrow().opened()).isFalse();
        assertThat(guest.disk().orElseThrow().reason()).isEqualTo("PCR 7 changed");
        assertThat(guest.done()).isFalse();
        assertThat(guest.eventLog()).isEmpty();
    }

    @Test
    void anUnfinishedLogBlockGivesNoLog() {
        assertThat(GuestConsole.parse("CUSTODY-EVENTLOG-BEGIN\n" + LOG + "\n").eventLog()).isEmpty();
    }

    @Test
    void aFailureCountTheGuestCannotMakeNegativeOrOverflow() {
        assertThat(GuestConsole.parse("CUSTODY-RECOVERY-FAILURES: 2\n").recoveryFailures()).hasValue(2);
        assertThat(GuestConsole.parse("CUSTODY-RECOVERY-FAILURES: -3\n").recoveryFailures()).isEmpty();
        assertThat(GuestConsole.parse("CUSTODY-RECOVERY-FAILURES: 99999999999\n").recoveryFailures()).isEmpty();
    }

    @Test
    void guestLinesKeepNoControlCharacterOfEitherRange() {
        assertThat(GuestConsole.parse("a\u009bb\u0007c\n").guestLines()).containsExactly("abc");
    }
}
