package dev.custody.machine.lab;

import dev.custody.machine.LabMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the start-up training runs: {@link #prepare()} makes a throw-away lab machine in
 * {@code scratch} with a signed /boot, a sealed TOTP and disk key; {@link #bootTime(String)} runs
 * the commands of one cache group against it; {@link #stop()} stops it. Every command that did not
 * end as expected is added to {@code failed}.
 */
public record StartupWorkload(Path scratch, Commands commands, List<String> failed) {
    /** The cache groups of bin/common.sh (CUSTODY_CACHE_GROUPS), and "all" for the general cache. */
    public static final List<String> GROUPS = List.of("all", "otp", "rom", "eventlog", "power-on", "verify", "unlock");

    /** Runs one custody command as a user would and answers its exit status. */
    @FunctionalInterface
    public interface Commands {
        int run(String... command);
    }

    private Path lab() {
        return scratch.resolve("lab");
    }

    private String tpm() {
        return "vtpm:" + lab().resolve("tpm");
    }

    private Path passphrase() {
        return scratch.resolve("passphrase");
    }

    private Path diskPassphrase() {
        return scratch.resolve("disk-passphrase");
    }

    private Path publicKey() {
        return scratch.resolve("key.pub.asc");
    }

    public void prepare() throws IOException {
        String dir = lab().toString();
        Files.writeString(passphrase(), "training passphrase");
        Files.writeString(diskPassphrase(), "training disk passphrase\n");
        String key = scratch.resolve("key.asc").toString();
        must("lab", "create", dir);
        must("key", "generate", "--uid", "Training <t@lab.invalid>", "--algorithm", "ED25519",
                "--out", key, "--public", publicKey().toString(), "--passphrase-file", passphrase().toString());
        LabKeys.installPublicKey(new LabMachine(lab()), publicKey());
        must("boot", "sign", "--boot", lab().resolve("boot").toString(), "--key", key,
                "--passphrase-file", passphrase().toString(), "--default", "1", "--tpm", tpm());
        must("lab", "power-on", dir);
        must("totp", "seal", "--machine", dir);
        must("disk-key", "seal", "--machine", dir, "--passphrase-file", diskPassphrase().toString(),
                "--key", key, "--key-passphrase-file", passphrase().toString());
    }

    /**
     * What runs at every power-on, twice: the second pass profiles the now-warm paths. Only the
     * groups that power the lab machine on anyway do so: in another group's cache the power-on's
     * classes would be dead weight. bin/common.sh runs the groups in an order that keeps the PCRs
     * as the TOTP needs them (the unlock group extends PCR 4; the general cache comes last).
     */
    public void bootTime(String group) {
        for (int pass = 0; pass < 2; pass++) {
            switch (group) {
                case "otp" -> otp();
                case "verify" -> verify();
                case "unlock" -> unlock();
                case "rom" -> rom();
                case "eventlog" -> eventlog();
                case "power-on" -> powerOn();
                default -> {
                    must("--version");
                    must("lab", "power-on", lab().toString());
                    otp();
                    diskKeyUnseal();
                    eventlog();
                    rom();
                    verify();
                    plan();
                    unlock();
                }
            }
        }
    }

    /**
     * Without --json, as at boot: in a cache, the JSON writer's classes would be loaded by every
     * run (4-8 MB more memory). The eventlog and rom groups keep it: fleets and the benchmark use it.
     */
    private void otp() {
        String dir = lab().toString();
        must("totp", "--machine", dir);
        must("hotp", "--machine", dir, "--no-key");
    }

    private void verify() {
        String boot = lab().resolve("boot").toString();
        String keyring = publicKey().toString();
        must("boot", "verify", "--boot", boot, "--keyring", keyring, "--tpm", tpm());
    }

    /** Parsed by picocli, so only in the general cache (bin/common.sh says why). */
    private void plan() {
        String boot = lab().resolve("boot").toString();
        must("boot", "plan", "--boot", boot, "--default", "--keyring", publicKey().toString(), "--tpm", tpm());
    }

    /**
     * The initramfs's command on this TPM in host mode: with no LUKS device recorded it shows the
     * code, refuses the disk (exit 1) and extends PCR 4, so it comes last.
     */
    private void unlock() {
        expectRefusal("boot", "unlock", "--tpm", tpm(), "--boot", scratch.resolve("no-boot").toString(),
                "--no-prompt");
    }

    private void rom() {
        String rom = lab().resolve("rom.bin").toString();
        must("rom", "inspect", rom);
        must("rom", "inspect", "--json", rom);
    }

    private void eventlog() {
        String log = lab().resolve("eventlog.bin").toString();
        must("eventlog", "replay", log);
        must(manyLogs(log));
    }

    private void powerOn() {
        must("lab", "power-on", lab().toString());
        diskKeyUnseal();
    }

    /** Extends PCR 4 afterwards, as Heads does: the TOTP stops verifying until the next power-on. */
    private void diskKeyUnseal() {
        must("disk-key", "unseal", "--machine", lab().toString(), "--passphrase-file", diskPassphrase().toString(),
                "--out", scratch.resolve("duk").toString());
    }

    public void stop() {
        must("lab", "stop", lab().toString());
    }

    /**
     * Replaying a fleet's logs runs the parser and replay once per log: enough logs here that
     * the cache holds their profiles, so the JIT compiles them early instead of after hundreds of logs.
     */
    private static String[] manyLogs(String log) {
        List<String> command = new ArrayList<>(List.of("eventlog", "replay", "--json"));
        for (int i = 0; i < 200; i++) {
            command.add(log);
        }
        return command.toArray(String[]::new);
    }

    private void expectRefusal(String... command) {
        if (commands.run(command) != 1) {
            failed.add(String.join(" ", command) + " (expected exit 1)");
        }
    }

    private void must(String... command) {
        if (commands.run(command) != 0) {
            failed.add(String.join(" ", command));
        }
    }
}
