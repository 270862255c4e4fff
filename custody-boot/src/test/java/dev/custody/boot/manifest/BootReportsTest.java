package dev.custody.boot.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.openpgp.SignatureCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The text and JSON 'boot verify', 'boot changes' and 'boot root-hashes --check' print, beside their results. */
class BootReportsTest {
    private static final Path BOOT = Path.of("/boot");

    @Test
    void aVerifiedBootSaysWhatWasChecked() {
        Verification verified = new Verification(List.of(), Optional.of(new SignatureCheck.Good("ABCD", "Owner <o@x>")), 12,
                OptionalLong.of(3), Optional.of("Debian|elf|kernel /vmlinuz"), List.of());
        assertThat(verified.text(BOOT)).isEqualTo("""
                /boot: verified
                  signature: good, by Owner <o@x> (ABCD)
                  files: 12 hashed, none changed, added or removed
                  rollback counter: 3, matches the TPM
                  default entry: Debian, unchanged""");
        assertThat(verified.toJson(BOOT)).containsKeys("boot", "verified", "signer", "filesHashed", "rollbackCounter",
                "defaultEntry", "findings").containsEntry("verified", true).containsEntry("rollbackCounter", 3L);
    }

    @Test
    void anUnverifiedBootNamesEveryProblemAndEscapesNames() {
        Verification refused = new Verification(List.of(new Finding.Changed("vmlinuz\u001b[2J"), new Finding.Added("evil")),
                Optional.empty(), 0, OptionalLong.empty(), Optional.empty(), List.of());
        assertThat(refused.problemCount()).isEqualTo("2 problems");
        assertThat(refused.text(BOOT)).isEqualTo("""
                /boot: NOT VERIFIED, 2 problems:
                  vmlinuz\\x1b[2J: changed since signing (SHA-256 differs from kexec_hashes.txt)
                  evil: added since signing (not in the signed file list)""");
        assertThat(refused.findings().stream().map(Finding::kind)).containsExactly("changed", "added");
        assertThat(refused.toJson(BOOT).get("findings").toString()).isEqualTo("[{file=vmlinuz\u001b[2J, problem=changed, "
                + "reason=changed since signing (SHA-256 differs from kexec_hashes.txt)}, {file=evil, problem=added, "
                + "reason=added since signing (not in the signed file list)}]");
    }

    @Test
    void changesAreALineEachWithTheirClass() {
        List<Change> changes = List.of(new Change(Change.Kind.CHANGED, "vmlinuz-6.1", FileClass.KERNEL),
                new Change(Change.Kind.ADDED, "notes.txt", FileClass.OTHER));
        assertThat(Change.text(changes)).isEqualTo(String.format("changed  kernel       vmlinuz-6.1%nadded    other        notes.txt%n"));
        assertThat(changes.get(0).toJson()).containsExactly(java.util.Map.entry("change", "changed"),
                java.util.Map.entry("file", "vmlinuz-6.1"), java.util.Map.entry("class", "kernel"));
        RootHashes.Check check = new RootHashes.Check(List.of("bin", "usr"), changes);
        assertThat(check.verified()).isFalse();
        assertThat(check.text()).isEqualTo(String.format("Root filesystem NOT VERIFIED, 2 files differ:%n  vmlinuz-6.1: changed%n  notes.txt: added%n"));
        assertThat(new RootHashes.Check(List.of("bin", "usr"), List.of()).text())
                .isEqualTo(String.format("Root filesystem verified: every file in bin usr matches the signed list.%n"));
    }
}
