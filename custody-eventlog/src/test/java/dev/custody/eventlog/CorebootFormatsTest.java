package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** coreboot's log formats: CBT2 written by Custody, the CBMEM table, and cbmem -L text. */
class CorebootFormatsTest {
    private static final HashAlgorithm SHA256 = HashAlgorithm.SHA256;

    @Test
    void cbt2LogRoundTripsThroughTheParser(@TempDir Path dir) throws IOException {
        List<CorebootTpm2LogWriter.Measurement> measured = List.of(
                measurement(2, "CBFS: fallback/romstage"),
                measurement(2, "CBFS: fallback/ramstage"),
                measurement(7, "CBFS: heads/initrd/.gnupg/pubring.kbx"));
        Path file = dir.resolve("tpm2.log");
        CorebootTpm2LogWriter.write(file, SHA256, measured, 16);

        EventLog log = EventLogs.read(file);
        assertThat(Files.size(file)).isEqualTo(4 + 4 + 20 + 4 + 48 + 16L * CorebootTpm2LogWriter.entrySize(SHA256));
        assertThat(log.format()).isEqualTo(LogFormat.COREBOOT_TPM2);
        assertThat(log.announcedBanks()).containsExactly(SHA256);
        assertThat(log.events()).hasSize(4);
        assertThat(log.notes()).singleElement().asString().contains("zero padding");
        assertThat(EventDecoder.decode(log.events().get(1), log.format()))
                .isEqualTo(new EventContent.CbfsFile("fallback/romstage", ""));
        assertThat(EventDecoder.decode(log.events().getFirst(), log.format()).describe())
                .contains("coreboot coreboot-cbt2 table, 3 of 16 entries used");

        Bytes pcr2 = SHA256.extend(SHA256.extend(Bytes.filled(32, 0), digestOf("CBFS: fallback/romstage")),
                digestOf("CBFS: fallback/ramstage"));
        Replay replay = Replayer.replay(log);
        assertThat(replay.bank(SHA256)).containsEntry(2, pcr2).containsOnlyKeys(2, 7);
        assertThat(replay.warnings()).isEmpty();
        assertThat(DigestCheck.check(log)).as("coreboot digests cover CBFS data, not names").isEmpty();
    }

    @Test
    void cbt1LogWrittenByCustodyRoundTripsThroughTheParser() {
        HashAlgorithm sha1 = HashAlgorithm.SHA1;
        Bytes romstage = sha1.digest("romstage".getBytes(StandardCharsets.US_ASCII));
        Bytes keyring = sha1.digest("keyring".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = CorebootTpm1LogWriter.write(List.of(
                new CorebootTpm2LogWriter.Measurement(2, romstage, "CBFS: fallback/romstage"),
                new CorebootTpm2LogWriter.Measurement(7, keyring, "Heads: /.gnupg/pubring.kbx")), 8);

        EventLog log = EventLogs.parse(bytes);
        assertThat(bytes).hasSize(32 + 40 + 8 * (4 + 4 + 20 + 4 + 50));
        assertThat(log.format()).isEqualTo(LogFormat.COREBOOT_TPM1);
        assertThat(log.events()).hasSize(3);
        assertThat(EventDecoder.decode(log.events().get(1), log.format()))
                .isEqualTo(new EventContent.CbfsFile("fallback/romstage", ""));
        Replay replay = Replayer.replay(log);
        assertThat(replay.bank(sha1)).containsEntry(2, sha1.extend(Bytes.filled(20, 0), romstage))
                .containsEntry(7, sha1.extend(Bytes.filled(20, 0), keyring));
        assertThatThrownBy(() -> CorebootTpm1LogWriter.write(List.of(measurement(2, "CBFS: bootblock")), 4))
                .hasMessageContaining("32-byte digest in a TPM 1.2 (SHA-1) log");
    }

    @Test
    void cbt2LogWithDataAfterItsLastEntryIsRejected() {
        byte[] log = CorebootTpm2LogWriter.write(SHA256, List.of(measurement(2, "CBFS: bootblock")), 4);
        log[log.length - 1] = 1;
        assertThatThrownBy(() -> EventLogs.parse(log)).isInstanceOf(MalformedLogException.class)
                .hasMessageContaining("after its last entry");
    }

    /** A CBT1 table as coreboot's tpm1_log_serialized.h lays it out: SHA-1 entries with 50-byte names. */
    @Test
    void cbt1LogIsReadUpToItsEntryCount() {
        ByteBuffer log = ByteBuffer.allocate(32 + 40 + 4 * (4 + 4 + 20 + 4 + 50)).order(ByteOrder.LITTLE_ENDIAN);
        log.putInt(0).putInt(3).put(new byte[20]).putInt(40);
        log.put(field("Spec ID Event00", 16)).putInt(0).put(new byte[] {2, 1, 1, 0}).put((byte) 15);
        log.put(new byte[] {0, 1, 0}).putInt(0x31544243).putShort((short) 4).putShort((short) 2).putInt(82);
        for (String name : List.of("CBFS: fallback/romstage", "CBFS: fallback/ramstage")) {
            log.putInt(2).putInt(5).put(HashAlgorithm.SHA1.digest(name.getBytes(StandardCharsets.US_ASCII)).toArray())
                    .putInt(50).put(field(name, 50));
        }
        EventLog parsed = EventLogs.parse(log.array());
        assertThat(parsed.format()).isEqualTo(LogFormat.COREBOOT_TPM1);
        assertThat(parsed.events()).hasSize(3);
        assertThat(EventDecoder.decode(parsed.events().get(2), parsed.format()))
                .isEqualTo(new EventContent.CbfsFile("fallback/ramstage", ""));
        assertThat(Replayer.replay(parsed).bank(HashAlgorithm.SHA1)).containsOnlyKeys(2);
        assertThat(parsed.notes()).singleElement().asString().contains("unused table entries");
    }

    @Test
    void corebootTableFormatIsReadWithItsPadding() {
        byte[] table = cbTable(8, new Object[] {2, "SHA256", digestOf("a"), "CBFS: fallback/romstage"},
                new Object[] {3, "SHA1", HashAlgorithm.SHA1.digest("b".getBytes(StandardCharsets.US_ASCII)), "FMAP: FMAP"});
        EventLog log = EventLogs.parse(table);
        assertThat(log.format()).isEqualTo(LogFormat.COREBOOT_TABLE);
        assertThat(log.events()).extracting(Event::pcr).containsExactly(2, 3);
        assertThat(log.banksPresent()).containsExactly(SHA256, HashAlgorithm.SHA1);
        assertThat(EventDecoder.decode(log.events().getFirst(), log.format()).describe())
                .isEqualTo("CBFS file fallback/romstage");
        assertThat(Replayer.replay(log).bank(SHA256)).containsOnlyKeys(2);
        assertThat(log.notes()).singleElement().asString().contains("zero padding");
    }

    @Test
    void cbmemTpm2TextIsParsed() throws IOException {
        EventLog log = EventLogs.parse(resource("tpm2-log.txt"));
        assertThat(log.format()).isEqualTo(LogFormat.CBMEM_TEXT);
        Event event = log.events().getFirst();
        assertThat(event.pcr()).isEqualTo(2);
        assertThat(event.type()).isEqualTo(EventType.Tcg.EV_ACTION);
        assertThat(event.digest(SHA256)).contains(Bytes.fromHex("de73053377e1ae5ba5d2b637a4f5bfaeb410137722f11ef135e7a1be524e3092"));
        assertThat(event.digest(HashAlgorithm.SHA1)).contains(Bytes.fromHex("27c4f1fa214480c8626397a15981ef3a9323717f"));
        assertThat(new String(event.data().toArray(), StandardCharsets.UTF_8)).isEqualTo("FMAP: FMAP");
    }

    @Test
    void cbmemTcpaAndCorebootTableTextAgree() throws IOException {
        EventLog tcpa = EventLogs.parse(resource("tcpa-log.txt"));
        EventLog table = EventLogs.parse(resource("coreboot-tpm-log.txt"));
        assertThat(Replayer.replay(tcpa)).isEqualTo(Replayer.replay(table));
        assertThat(Replayer.replay(table).bank(HashAlgorithm.SHA1)).containsOnlyKeys(2);
    }

    @Test
    void cbmemTextWithAStrayLineNamesTheLine() {
        byte[] text = "coreboot TPM log:\n\n PCR-2 27c4 SHA1 [x]\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> EventLogs.parse(text)).isInstanceOf(MalformedLogException.class)
                .hasMessage("cbmem -L text, line 3: sha1 digest has 4 hex digits, expected 40");
    }

    static CorebootTpm2LogWriter.Measurement measurement(int pcr, String name) {
        return new CorebootTpm2LogWriter.Measurement(pcr, digestOf(name), name);
    }

    static Bytes digestOf(String text) {
        return SHA256.digest(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Builds a CBMEM "TPM CB log" table as coreboot's tpm_log_serialized.h lays it out. */
    private static byte[] cbTable(int maxEntries, Object[]... entries) {
        ByteBuffer out = ByteBuffer.allocate(4 + maxEntries * CorebootTableParser.ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) maxEntries).putShort((short) entries.length);
        for (Object[] entry : entries) {
            Bytes digest = (Bytes) entry[2];
            out.putInt((Integer) entry[0]).put(field((String) entry[1], 10)).put(java.util.Arrays.copyOf(digest.toArray(), 64))
                    .putInt(digest.length()).put(field((String) entry[3], 50));
        }
        return out.array();
    }

    private static byte[] field(String text, int size) {
        return java.util.Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), size);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CorebootFormatsTest.class.getResourceAsStream("/cbmem/" + name)) {
            return in.readAllBytes();
        }
    }
}
