package dev.custody.machine.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.LinuxEntry;
import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.policy.BootMode;
import dev.custody.boot.policy.BootPolicy;
import dev.custody.machine.LabMachine;
import dev.custody.machine.boot.BootPlanning.Choice;
import dev.custody.machine.boot.BootPlanning.Planned;
import dev.custody.machine.boot.BootPlanning.Unverified;
import dev.custody.machine.lab.LabCreator;
import dev.custody.machine.lab.LabPower;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heads' planning rules on a lab machine's unsigned /boot, with its real swtpm for the forced boot's PCR 4. */
class BootPlanningTest {
    @TempDir
    Path work;

    private LabMachine lab;

    @AfterEach
    void stopTpm() {
        if (lab != null) {
            LabPower.stop(lab);
        }
    }

    @Test
    void theScriptKeepsAnEntryNameInsideItsCommentLine() {
        String name = "Debian\nreboot -f $1 \\0 $(id)";
        Planned planned = new Planned(new BootMode.Forced("not verified"), new LinuxEntry(name, "/vmlinuz", List.of(), "ro"),
                new KexecPlan(List.of(List.of("kexec", "-e")), "ro", List.of("entry " + name + " is odd")));

        List<String> lines = planned.script().lines().toList();

        assertThat(lines).noneMatch(line -> line.startsWith("reboot"));
        assertThat(lines.stream().filter(line -> !line.startsWith("#"))).containsExactly("set -e", "kexec -e");
        assertThat(lines.get(1)).startsWith("# UNSAFE FORCED BOOT").contains("reboot -f $1 \\0 $(id)");
    }

    @Test
    void anUnverifiedBootIsRefusedUnlessForced() throws Exception {
        lab = LabCreator.create(work.resolve("m"));
        BootPlanning planning = new BootPlanning(lab.bootDirectory(), BootPolicy.DEFAULT);

        assertThatThrownBy(() -> planning.plan(Optional.empty(), new Choice.Numbered(1), Unverified.REFUSE,
                TpmAccess.of(lab.tpm()), Optional.empty()))
                .hasMessageContaining("no --keyring given, so /boot cannot be verified");
    }

    @Test
    void aForcedBootIsMeasuredInPcr4AndSaysItIsUnsafe() throws Exception {
        lab = LabCreator.create(work.resolve("m"));
        LabPower.powerOn(lab);
        byte[] before = pcr4();

        Planned planned = new BootPlanning(lab.bootDirectory(), BootPolicy.DEFAULT).plan(Optional.empty(),
                new Choice.Numbered(1), Unverified.FORCE, TpmAccess.of(lab.tpm()), Optional.empty());

        assertThat(planned.mode()).isInstanceOf(BootMode.Forced.class);
        assertThat(planned.header()).startsWith("# UNSAFE FORCED BOOT of unverified files (not verified, no keyring given)");
        assertThat(planned.kexec().commands()).isNotEmpty();
        assertThat(pcr4()).isNotEqualTo(before);
    }

    @Test
    void restrictedModeForbidsTheForcedBootAndEntriesOutsideTheListAreRefused() throws Exception {
        lab = LabCreator.create(work.resolve("m"));
        BootPolicy restricted = BootPolicy.parse("config.user", "CONFIG_RESTRICTED_BOOT=y\n");

        assertThatThrownBy(() -> new BootPlanning(lab.bootDirectory(), restricted).plan(Optional.empty(),
                new Choice.Numbered(1), Unverified.FORCE, TpmAccess.of(lab.tpm()), Optional.empty()))
                .hasMessageContaining("restricted boot");
        BootPlanning planning = new BootPlanning(lab.bootDirectory(), BootPolicy.DEFAULT);
        int count = planning.entries().size();
        assertThat(count).isPositive();
        LabPower.powerOn(lab);
        assertThatThrownBy(() -> planning.plan(Optional.empty(), new Choice.Numbered(count + 1), Unverified.FORCE,
                TpmAccess.of(lab.tpm()), Optional.empty()))
                .hasMessage("there is no boot entry " + (count + 1) + " (there are " + count + ")");
    }

    @Test
    void anEntryPlannedAsVerifiedLoadsTheJoinedInitrdPath() throws Exception {
        lab = LabCreator.create(work.resolve("m"));
        BootPlanning planning = new BootPlanning(lab.bootDirectory(), BootPolicy.DEFAULT);
        BootEntry entry = planning.entries().getFirst().entry();

        Planned planned = planning.planAs(entry, new BootMode.Verified());

        assertThat(planned.header()).isEqualTo("# /boot verified. Entry: " + entry.name());
        assertThat(planned.kexec().script()).contains("kexec");
    }

    private byte[] pcr4() {
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            return tpm.readPcrs(dev.custody.tpm.PcrBank.SHA256, java.util.Set.of(4)).get(4);
        }
    }
}
