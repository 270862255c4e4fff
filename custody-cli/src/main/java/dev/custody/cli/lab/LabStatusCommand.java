package dev.custody.cli.lab;

import dev.custody.boot.manifest.Verification;
import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabStatus;
import dev.custody.tpm.SealRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show whether the lab machine is on, what is sealed in its TPM, and whether its /boot verifies.",
            "Changes nothing and measures nothing. Exit code 0 whatever the state; use --json in scripts",
            "(members: directory, on, totp, diskKey, boot)."})
final class LabStatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path directory;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        LabStatus status = LabStatus.of(LabMachine.existing(directory));
        output.print(toJson(status), text(status));
        return 0;
    }

    private static Map<String, Object> toJson(LabStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("directory", status.directory().toString());
        out.put("on", status.on());
        out.put("totp", seal(status.totp()));
        out.put("diskKey", seal(status.diskKey()));
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("verified", status.boot().map(Verification::ok).orElse(false));
        boot.put("findings", status.boot().map(v -> v.findings().stream()
                .map(f -> Map.of("file", f.file(), "reason", f.reason())).toList()).orElse(List.of()));
        boot.put("reason", status.bootUnverifiableReason().orElse(null));
        out.put("boot", boot);
        return out;
    }

    private static Map<String, Object> seal(Optional<SealRecord> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sealed", record.isPresent());
        out.put("pcrs", record.map(r -> r.policy().pcrs()).orElse(List.of()));
        return out;
    }

    private static String text(LabStatus status) {
        StringBuilder out = new StringBuilder();
        out.append(status.directory()).append(": ").append(status.on() ? "on" : "off (custody lab power-on DIR)").append('\n');
        out.append("  TOTP/HOTP secret: ").append(status.totp().map(r -> "sealed to PCRs " + r.policy().pcrList())
                .orElse("not sealed (custody totp seal --machine DIR)")).append('\n');
        out.append("  disk unlock key:  ").append(status.diskKey().map(r -> "sealed to PCRs " + r.policy().pcrList()
                + " and a passphrase").orElse("not set up")).append('\n');
        out.append("  /boot:            ").append(status.boot().map(v -> v.ok() ? "verified"
                : "NOT VERIFIED (" + v.findings().size() + (v.findings().size() == 1 ? " problem)" : " problems)"))
                .orElseGet(() -> "cannot be verified: " + status.bootUnverifiableReason().orElse("")));
        status.boot().ifPresent(v -> v.findings().forEach(f -> out.append("\n    ").append(f.file()).append(": ").append(f.reason())));
        return out.toString();
    }
}
