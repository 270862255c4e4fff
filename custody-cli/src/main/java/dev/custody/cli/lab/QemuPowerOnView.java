package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.common.TerminalText;
import dev.custody.machine.qemu.GuestConsole;
import dev.custody.machine.qemu.QemuBoot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A QEMU power-on in the simulated lab's power-on shape (totp, disk, then the rest), and its exit code. */
final class QemuPowerOnView {
    private QemuPowerOnView() {}

    static int show(QemuBoot.Result result, JsonOutput output) {
        int exit = exitCode(result);
        output.print(json(result, exit), text(result));
        return exit;
    }

    static int exitCode(QemuBoot.Result result) {
        GuestConsole guest = result.guest();
        if (!result.finished() || !guest.done()) {
            return LabPowerOnCommand.BOOT_UNFINISHED;
        }
        if (guest.totp().flatMap(GuestConsole.Totp::code).isEmpty()) {
            return LabPowerOnCommand.TOTP_REFUSED;
        }
        return guest.disk().map(GuestConsole.Disk::opened).orElse(false) ? 0 : LabPowerOnCommand.DISK_KEY_REFUSED;
    }

    private static Map<String, Object> json(QemuBoot.Result result, int exit) {
        GuestConsole guest = result.guest();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totp", guest.totp().map(t -> JsonOutput.object("code", t.code().orElse(null),
                        "reason", t.code().isPresent() ? null : t.reason()))
                .orElse(JsonOutput.object("code", null, "reason", "the guest printed no CUSTODY-TOTP line")));
        out.put("disk", guest.disk().map(d -> JsonOutput.object("opened", d.opened(), "by", d.by().orElse(null),
                        "reason", d.reason()))
                .orElse(JsonOutput.object("opened", false, "by", null, "reason", "the guest printed no CUSTODY-DISK line")));
        out.put("recoveryFailures", guest.recoveryFailures().isPresent() ? guest.recoveryFailures().getAsInt() : null);
        out.put("done", guest.done());
        out.put("finished", result.finished());
        out.put("seconds", result.took().toMillis() / 1000.0);
        out.put("console", result.console().toString());
        out.put("eventLog", result.eventLog().map(Path::toString).orElse(null));
        out.put("eventLogProblem", result.eventLogProblem().orElse(null));
        out.put("exitCode", exit);
        return out;
    }

    private static String text(QemuBoot.Result result) {
        StringBuilder out = new StringBuilder("The guest printed:\n");
        result.guest().guestLines().forEach(line -> out.append("  | ").append(TerminalText.escape(line)).append('\n'));
        if (!result.finished()) {
            out.append("The guest did not power off in time: QEMU and swtpm were stopped.\n");
        } else if (!result.guest().done()) {
            out.append("The guest stopped before Custody was done (no CUSTODY-DONE).\n");
        }
        out.append(String.format("Powered off after %.1f s; the whole console is in %s.%n", result.took().toMillis() / 1000.0,
                result.console()));
        out.append(result.eventLog().map(log -> "Measurement log stored in " + log + " (the next seal is for it).")
                .orElse("custody: warning: " + result.eventLogProblem().orElse("no measurement log")));
        return out.toString();
    }
}
