package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PcrTableTest {
    private static PcrTable table() {
        SequencedMap<PcrBank, SortedMap<Integer, byte[]>> banks = new LinkedHashMap<>();
        banks.put(PcrBank.SHA256, new TreeMap<>(Map.of(16, new byte[] {0x0a, (byte) 0xff}, 2, new byte[] {1})));
        banks.put(PcrBank.SHA1, new TreeMap<>(Map.of(16, new byte[] {0})));
        return new PcrTable(banks);
    }

    @Test
    void pcrsShowsABankThenItsPcrsInOrder() {
        assertThat(table().lines()).containsExactly("sha256:", "   2: 01", "  16: 0aff", "sha1:", "  16: 00");
    }

    @Test
    void extendShowsOneAssignmentABankAndPcr() {
        assertThat(table().assignments()).containsExactly("sha256:2 = 01", "sha256:16 = 0aff", "sha1:16 = 00");
    }

    @Test
    void theJsonIsBankThenPcrNumberAsAString() {
        assertThat(table().toJson()).containsExactly(
                Map.entry("sha256", Map.of("2", "01", "16", "0aff")), Map.entry("sha1", Map.of("16", "00")));
    }
}
