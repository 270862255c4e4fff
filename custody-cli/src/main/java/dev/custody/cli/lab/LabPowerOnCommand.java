package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.QemuMachine;
import dev.custody.machine.qemu.GuestConsole;
import dev.custody.machine.qemu.QemuBoot;
import dev.custody.machine.boot.DiskStep;
import dev.custody.machine.boot.LabBootFlow;
import dev.custody.machine.boot.PowerOnReport;
import dev.custody.machine.boot.PowerOnReport.Plan;
import dev.custody.machine.boot.PowerOnReport.Totp;
import java.nio.file.Path;
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

    @Parameters(paramLabel = "DIR") Path directory;

    @Option(names = "--disk-passphrase-file", paramLabel = "F",
            description = "Release the TPM disk unlock key with this passphrase once /boot verified.")
    Path diskPassphrase;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "QEMU machines: stop QEMU and swtpm after this long (default: 300).")
    long timeoutSeconds;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        if (QemuMachine.isOne(directory)) {
            QemuBoot.Result result = QemuBoot.powerOn(QemuMachine.existing(directory), Optional.ofNullable(diskPassphrase),
                    java.time.Duration.ofSeconds(timeoutSeconds));
            int exit = exitCode(result);
            output.print(result.toJson(exit), result.text());
            return exit;
        }
        LabMachine lab = LabMachine.existing(directory);
        PowerOnReport report = new LabBootFlow(lab).powerOn(Optional.ofNullable(diskPassphrase));
        int exit = exitCode(report);
        output.print(report.toJson(exit), report.text(lab));
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

    /** A QEMU power-on's exit code, from what its guest printed. */
    static int exitCode(QemuBoot.Result result) {
        GuestConsole guest = result.guest();
        if (!result.finished() || !guest.done()) {
            return BOOT_UNFINISHED;
        }
        if (guest.totp().flatMap(GuestConsole.Totp::code).isEmpty()) {
            return TOTP_REFUSED;
        }
        return guest.disk().map(GuestConsole.Disk::opened).orElse(false) ? 0 : DISK_KEY_REFUSED;
    }
}
