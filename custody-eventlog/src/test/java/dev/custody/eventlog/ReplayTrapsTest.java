package dev.custody.eventlog;

import static dev.custody.eventlog.EventType.Tcg.EV_EFI_ACTION;
import static dev.custody.eventlog.EventType.Tcg.EV_EFI_HCRTM_EVENT;
import static dev.custody.eventlog.EventType.Tcg.EV_NO_ACTION;
import static dev.custody.eventlog.EventType.Tcg.EV_SEPARATOR;
import static dev.custody.eventlog.HashAlgorithm.SHA1;
import static dev.custody.eventlog.HashAlgorithm.SHA256;
import static dev.custody.eventlog.HashAlgorithm.SHA384;
import static dev.custody.eventlog.HashAlgorithm.SHA512;
import static dev.custody.eventlog.HashAlgorithm.SM3_256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay traps of DESIGN.md, on logs built for each one. */
class ReplayTrapsTest {
    private static final List<HashAlgorithm> ALL = List.of(SHA1, SHA256, SHA384, SHA512, SM3_256);

    @Test
    void sm3KnownAnswer() {
        assertThat(SM3_256.digest("abc".getBytes(StandardCharsets.US_ASCII)).hex())
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void everyBankIsReplayedWithItsOwnHash() {
        byte[] log = new AgileLogBuilder(ALL).event(4, EV_EFI_ACTION, "Calling EFI Application from Boot Option").bytes();
        Replay replay = Replayer.replay(EventLogs.parse(log));
        assertThat(replay.pcrs().keySet()).containsExactlyElementsOf(ALL);
        for (HashAlgorithm bank : ALL) {
            Bytes expected = bank.extend(Bytes.filled(bank.digestLength(), 0),
                    bank.digest("Calling EFI Application from Boot Option".getBytes(StandardCharsets.US_ASCII)));
            assertThat(replay.bank(bank)).containsExactlyEntriesOf(java.util.Map.of(4, expected));
        }
        assertThat(replay.warnings()).isEmpty();
    }

    @Test
    void noActionEventsNeverExtend() {
        byte[] log = new AgileLogBuilder(List.of(SHA256)).event(4, EV_NO_ACTION, "informational").bytes();
        assertThat(AgileLogBuilder.replayed(log, SHA256)).isEmpty();
    }

    @Test
    void hcrtmSequenceStartsPcrZeroAtLocalityFour() {
        byte[] log = new AgileLogBuilder(List.of(SHA256)).event(0, EV_EFI_HCRTM_EVENT, "HCRTM").bytes();
        Bytes start = Bytes.fromHex("00".repeat(31) + "04");
        assertThat(AgileLogBuilder.replayed(log, SHA256))
                .containsEntry(0, SHA256.extend(start, SHA256.digest("HCRTM".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void startupLocalityEventSetsPcrZerosStart() {
        byte[] locality = ("StartupLocality\0" + "\3").getBytes(StandardCharsets.US_ASCII);
        byte[] log = new AgileLogBuilder(List.of(SHA256)).event(0, EV_NO_ACTION, new String(locality, StandardCharsets.US_ASCII))
                .event(0, EV_SEPARATOR, "\0\0\0\0").bytes();
        Bytes start = Bytes.fromHex("00".repeat(31) + "03");
        assertThat(AgileLogBuilder.replayed(log, SHA256)).containsEntry(0, SHA256.extend(start, SHA256.digest(new byte[4])));
    }

    @Test
    void drtmPcrsStartAllOnes() {
        byte[] log = new AgileLogBuilder(List.of(SHA1)).event(17, EV_EFI_ACTION, "DRTM").event(22, EV_EFI_ACTION, "x")
                .event(23, EV_EFI_ACTION, "y").bytes();
        var values = AgileLogBuilder.replayed(log, SHA1);
        assertThat(values.get(17)).isEqualTo(SHA1.extend(Bytes.filled(20, 0xff), SHA1.digest("DRTM".getBytes(StandardCharsets.US_ASCII))));
        assertThat(values.get(22)).isEqualTo(SHA1.extend(Bytes.filled(20, 0xff), SHA1.digest("x".getBytes(StandardCharsets.US_ASCII))));
        assertThat(values.get(23)).isEqualTo(SHA1.extend(Bytes.filled(20, 0), SHA1.digest("y".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void eventsWithFewerDigestsThanBanksAreReported() {
        byte[] log = new AgileLogBuilder(List.of(SHA1, SHA256)).event(4, EV_EFI_ACTION, "a")
                .event(4, EV_EFI_ACTION, "b", List.of(SHA256)).bytes();
        Replay replay = Replayer.replay(EventLogs.parse(log));
        assertThat(replay.warnings()).containsExactly("sha1: 1 event(s) carry no sha1 digest (first: event 2 (PCR 4,"
                + " EV_EFI_ACTION)); replayed sha1 values of PCR 4 are incomplete");
        assertThat(replay.bank(SHA256)).containsKey(4);
    }

    @Test
    void trailingZeroPaddingIsIgnoredAndNoted() {
        byte[] log = new AgileLogBuilder(List.of(SHA256)).event(4, EV_EFI_ACTION, "a").raw(new byte[4096]).bytes();
        EventLog parsed = EventLogs.parse(log);
        assertThat(parsed.events()).hasSize(2);
        assertThat(parsed.notes()).singleElement().asString().startsWith("ignored 4096 bytes of zero padding at offset 0x");
    }

    @Test
    void headerAnnouncingAWrongDigestSizeIsRefused() {
        byte[] log = new AgileLogBuilder(List.of(SHA256)).bytes();
        log[32 + 24 + 6] = 20;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventLogs.parse(log))
                .isInstanceOf(MalformedLogException.class)
                .hasMessage("event 0 (Spec ID header, offset within its data), field digestSizes[0].digestSize at offset 0x1e:"
                        + " sha256 digests are 32 bytes, not 20");
    }

    @Test
    void trailingGarbageIsAnErrorNamingTheEvent() {
        byte[] log = new AgileLogBuilder(List.of(SHA256)).event(4, EV_EFI_ACTION, "a").raw(new byte[] {1, 0, 0}).bytes();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventLogs.parse(log))
                .isInstanceOf(MalformedLogException.class).hasMessageStartingWith("event 2, field pcrIndex at offset 0x");
    }
}
