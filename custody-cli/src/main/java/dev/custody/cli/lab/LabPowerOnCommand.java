package dev.custody.cli.lab;

import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.manifest.Verification;
import dev.custody.cli.JsonOutput;
import dev.custody.common.TerminalText;
import dev.custody.machine.LabMachine;
import dev.custody.machine.QemuMachine;
import dev.custody.machine.qemu.QemuBoot;
import dev.custody.machine.boot.DiskStep;
import dev.custody.machine.boot.LabBootFlow;
import dev.custody.machine.boot.PowerOnReport;
import dev.custody.machine.boot.PowerOnReport.Boot;
import dev.custody.machine.boot.PowerOnReport.Plan;
import dev.custody.machine.boot.PowerOnReport.Totp;
import dev.custody.tpm.TpmInfo;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "power-on", mixinStandardHelpOptions = true,
        description = {"Switch the lab machine on.",
            "Power-cycles its TPM, measures the ROM as coreboot does (PCR 2) and the owner's files as Heads'",
            "cbfs-init does (PCR 7), writes a coreboot log (DIR/eventlog.bin; SHA-256 CBT2 on a TPM 2.0, SHA-1",
            "CBT1 on a TPM 1.2), then shows the TOTP code,",
            "or why the TPM refuses it. Once /boot verified, --disk-passphrase-file releases the disk unlock key to",
            "the default entry's kernel, as Heads does before kexec.",
            "Exit 0 when everything went as on an unchanged machine; 3 no TOTP code, 4 /boot refused or not",
            "signed, 5 the disk unlock key refused.",
            "A QEMU machine (lab create --firmware) boots under QEMU instead: its console goes to DIR/console.log,",
            "the guest's Custody shows the TOTP and opens the disk (the passphrase reaches it through fw_cfg),",
            "exports its measurement log (DIR/eventlog.bin, what the next seal is for) and powers off.",
            "Exit 0, 3 or 5 as above, or 6 when the guest did not finish (timeout, crash)."})
public final class LabPowerOnCommand implements Callable<Integer> {
    public static final int TOTP_REFUSED = 3;
    public static final int BOOT_REFUSED = 4;
    public static final int DISK_KEY_REFUSED = 5;
    public static final int BOOT_UNFINISHED = 6;

    @Parameters(paramLabel = "DIR")
    Path directory;

    @Option(names = "--disk-passphrase-file", paramLabel = "F",
            description = "Release the TPM disk unlock key with this passphrase once /boot verified.")
    Path diskPassphrase;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "QEMU machines: stop QEMU and swtpm after this long (default: 300).")
    long timeoutSeconds;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        if (QemuMachine.isOne(directory)) {
            return QemuPowerOnView.show(QemuBoot.powerOn(QemuMachine.existing(directory), Optional.ofNullable(diskPassphrase),
                    java.time.Duration.ofSeconds(timeoutSeconds)), output);
        }
        LabMachine lab = LabMachine.existing(directory);
        PowerOnReport report = new LabBootFlow(lab).powerOn(Optional.ofNullable(diskPassphrase));
        int exit = exitCode(report);
        output.print(json(report, exit), text(lab, report));
        return exit;
    }

    static int exitCode(PowerOnReport report) {
        if (report.totp() instanceof Totp.Refused) {
            return TOTP_REFUSED;
        }
        if (!report.boot().verified() || !(report.plan().orElse(null) instanceof Plan.Planned)) {
            return BOOT_REFUSED;
        }
        return report.disk().orElse(null) instanceof DiskStep.Outcome.Refused ? DISK_KEY_REFUSED : 0;
    }

    private static String text(LabMachine lab, PowerOnReport report) {
        StringBuilder out = new StringBuilder();
        if (report.failedRecoveryAttempts() > 0) {
            out.append("WARNING: ").append(PowerOnReport.failedRecoveryText(report.failedRecoveryAttempts())).append('\n');
        }
        out.append("Measured:\n");
        boolean sha1 = lab.tpmFamily().equals(TpmInfo.FAMILY_1_2);
        report.measured().forEach(e -> out.append(TerminalText.format("  PCR %d  %-40s %s%n", e.pcr(), e.description(),
                HexFormat.of().formatHex(sha1 ? e.sha1() : e.sha256()).substring(0, 16))));
        out.append(switch (report.totp()) {
            case Totp.NotSealed n -> "TOTP:  not sealed yet (" + n.hint() + ")";
            case Totp.Shown s -> "TOTP:  " + s.code() + " (valid for " + s.secondsLeft() + " s): compare it with your phone";
            case Totp.Refused r -> "TOTP:  NONE. The TPM refuses the secret: this machine changed.\n       "
                    + TerminalText.escape(r.reason()).replace("; ", "\n       ");
        }).append('\n');
        out.append(switch (report.boot()) {
            case Boot.NotSigned n -> "/boot: not signed yet, so nothing would be booted (" + n.hint() + ")";
            case Boot.NoKeyring k -> "/boot: NOT VERIFIED: the firmware holds no owner keyring (" + k.where() + ")";
            case Boot.Checked c -> c.verification().text(lab.bootDirectory()).stripTrailing();
        }).append('\n');
        report.disk().ifPresent(disk -> {
            if (disk instanceof DiskStep.Outcome.Released released) {
                released.warnings().forEach(w -> out.append("Disk:  warning: ").append(TerminalText.escape(w)).append('\n'));
            }
            out.append("Disk:  ").append(TerminalText.escape(disk.reason())).append('\n');
            if (disk instanceof DiskStep.Outcome.Refused refused) {
                out.append("       ").append(TerminalText.escape(refused.recoveryHint())).append('\n');
            }
        });
        report.plan().ifPresent(plan -> out.append(switch (plan) {
            case Plan.Planned p -> "Boot plan (on a lab machine it is written, not executed):\n"
                    + TerminalText.escape(p.header()) + "\n" + String.join("\n", p.kexec().commands().stream().map(KexecPlan::shell).toList());
            case Plan.NotPlanned n -> "Boot plan: none: " + TerminalText.escape(n.reason());
        }).append('\n'));
        return out.toString().stripTrailing();
    }

    /** The shape the QEMU machine's power-on also prints: totp, disk, then the rest. */
    private static Map<String, Object> json(PowerOnReport report, int exit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totp", switch (report.totp()) {
            case Totp.NotSealed n -> JsonOutput.object("code", null, "reason", "not sealed yet");
            case Totp.Shown s -> JsonOutput.object("code", s.code(), "reason", null, "validFor", s.secondsLeft());
            case Totp.Refused r -> JsonOutput.object("code", null, "reason", r.reason());
        });
        out.put("disk", report.disk().map(disk -> JsonOutput.object("opened", disk.openedByTpm(),
                "by", disk.openedByTpm() ? "tpm" : null, "reason", disk.reason()))
                .orElse(JsonOutput.object("opened", false, "by", null, "reason", "the boot stopped before the disk step")));
        out.put("boot", boot(report.boot()));
        out.put("plan", report.plan().map(plan -> switch (plan) {
            case Plan.Planned p -> JsonOutput.object("header", p.header(), "commands", p.kexec().commands());
            case Plan.NotPlanned n -> JsonOutput.object("header", null, "reason", n.reason());
        }).orElse(null));
        out.put("measured", report.measured().stream().map(e -> JsonOutput.object("pcr", e.pcr(),
                "description", e.description(), "sha1", HexFormat.of().formatHex(e.sha1()), "sha256", e.sha256Hex())).toList());
        out.put("failedRecoveryAttempts", report.failedRecoveryAttempts());
        out.put("exitCode", exit);
        return out;
    }

    private static Map<String, Object> boot(Boot boot) {
        return switch (boot) {
            case Boot.NotSigned n -> JsonOutput.object("verified", false, "reason", "not signed yet", "findings", List.of());
            case Boot.NoKeyring k -> JsonOutput.object("verified", false, "reason", "the firmware holds no owner keyring",
                    "findings", List.of());
            case Boot.Checked c -> JsonOutput.object("verified", c.verification().ok(), "reason", null,
                    "findings", findings(c.verification()));
        };
    }

    private static List<Map<String, Object>> findings(Verification verification) {
        return verification.findings().stream().map(f -> JsonOutput.object("file", f.file(), "reason", f.reason())).toList();
    }
}
