package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Event decoding on real logs: what the owner reads must say what was measured. */
class DecodingTest {

    @Test
    void bootVariablesShowDescriptionAndDevicePath() throws IOException {
        List<String> lines = describe("goattest-coreos_36_shielded_vm_no_secure_boot_eventlog.bin");
        assertThat(lines).contains(
                "SecureBoot: disabled",
                "BootOrder: 0002,0000,0001",
                "Boot0002: \"Fedora\" HD(2,GPT,22b9d9d7-140b-473b-82e0-26ded9d03d28,0x1000,0x3f800)/\\EFI\\fedora\\shimx64.efi",
                "Boot0001: \"UEFI nvme_card-pd\" PciRoot(0x0)/Pci(0x4,0x0)/NVMe(0x1,0000000000000000)",
                "action \"Calling EFI Application from Boot Option\"",
                "separator (end of pre-OS measurements)",
                "S-CRTM version GCE Virtual Firmware v1",
                "boot loader: grub_cmd: set prefix=(hd0,gpt3)/grub2");
        assertThat(lines).anyMatch(l -> l.startsWith("boot application \\EFI\\fedora\\shimx64.efi on PciRoot(0x0)/"));
        assertThat(lines).anyMatch(l -> l.startsWith("KEK: certificate CN=Microsoft Corporation KEK CA 2011"));
    }

    @Test
    void gptEventListsPartitions() throws IOException {
        assertThat(describe("goattest-coreos_36_shielded_vm_no_secure_boot_eventlog.bin"))
                .anyMatch(l -> l.matches("GPT of disk [0-9a-f-]{36}: \\d+ partitions \\(.*\\)"));
    }

    @Test
    void authorityEventsNameTheVerifyingCertificate() throws IOException {
        assertThat(describe("goattest-sb_cert_eventlog.bin")).contains(
                "db: verified by certificate CN=Microsoft Corporation UEFI CA 2011,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US",
                "Shim: verified by certificate CN=Canonical Ltd. Master Certificate Authority,O=Canonical Ltd.,L=Douglas,ST=Isle of Man,C=GB");
    }

    @Test
    void headerAndStartupLocalityAreExplained() throws IOException {
        assertThat(describe("tpm2tools-event-uefivar.bin").getFirst())
                .isEqualTo("log header \"Spec ID Event03\", banks sha1, sha256, sha384, sha512");
        assertThat(describe("goattest-short_no_action_eventlog.bin"))
                .containsExactly("TPM started at locality 3 (PCR 0 starts at 3)");
    }

    @Test
    void undecodableDataIsShownAsHex() {
        Event garbage = new Event(0, 0, 7, EventType.Tcg.EV_EFI_VARIABLE_DRIVER_CONFIG, Map.of(), Bytes.fromHex("0102030405"));
        assertThat(EventDecoder.decode(garbage, LogFormat.CRYPTO_AGILE).describe()).isEqualTo("data 0102030405");
        Event unknown = new Event(0, 0, 7, EventType.of(0x12345678L), Map.of(), Bytes.fromHex("ff"));
        assertThat(EventDecoder.decode(unknown, LogFormat.CRYPTO_AGILE).describe()).isEqualTo("data ff");
        assertThat(unknown.type().name()).isEqualTo("EV_UNKNOWN_0x12345678");
    }

    /** A GPT event claiming 2^62 empty partition entries must not loop for ever. */
    @Test
    void gptWithImpossiblePartitionCountIsShownAsHex() {
        java.nio.ByteBuffer gpt = java.nio.ByteBuffer.allocate(100).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        gpt.put("EFI PART".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).position(84);
        gpt.putInt(0).putInt(0).putLong(1L << 62);
        Event event = new Event(0, 0, 5, EventType.Tcg.EV_EFI_GPT_EVENT, Map.of(), Bytes.of(gpt.array()));
        assertThat(EventDecoder.decode(event, LogFormat.CRYPTO_AGILE)).isInstanceOf(EventContent.Raw.class);
    }

    /** A boot variable whose name length overflows when doubled: shown as hex, and the digest check survives it. */
    @Test
    void variableWithOverflowingNameLengthIsShownAsHex() {
        java.nio.ByteBuffer variable = java.nio.ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        variable.position(16);
        variable.putLong(1L << 62).putLong(4);
        Bytes data = Bytes.of(variable.array());
        Event event = new Event(0, 0, 1, EventType.Tcg.EV_EFI_VARIABLE_BOOT,
                Map.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.digest(data.toArray())), data);
        assertThat(EventDecoder.decode(event, LogFormat.CRYPTO_AGILE)).isInstanceOf(EventContent.Raw.class);
        EventLog log = new EventLog(LogFormat.CRYPTO_AGILE, List.of(HashAlgorithm.SHA256), List.of(event), List.of());
        assertThat(DigestCheck.check(log)).isEmpty();
    }

    @Test
    void onlyTheTamperedEventOfArchLinuxFailsTheDigestCheck() throws IOException {
        for (var file : Corpus.logs()) {
            List<DigestCheck.Mismatch> mismatches = DigestCheck.check(EventLogs.read(file));
            if (file.getFileName().toString().equals("tpm2tools-event-arch-linux.bin")) {
                assertThat(mismatches).singleElement().satisfies(m -> assertThat(m.describe())
                        .isEqualTo("event 24 (PCR 8, EV_IPL): sha1, sha256 digest does not match the event data"));
            } else {
                assertThat(mismatches).as(file.toString()).isEmpty();
            }
        }
    }

    private static List<String> describe(String name) throws IOException {
        EventLog log = EventLogs.read(Corpus.file(name));
        return log.events().stream().map(e -> EventDecoder.decode(e, log.format()).describe()).toList();
    }
}
