package dev.custody.cli;

import dev.custody.machine.lab.LabKeys;
import dev.custody.machine.LabMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload bin/custody records the ahead-of-time cache from (JDK 25+, -XX:AOTCacheOutput).
 * {@code prepare DIR} makes a throw-away lab machine with a signed /boot, a sealed TOTP and disk
 * key, in a JVM of its own (making it needs more memory than a boot-time command has, and its
 * classes do not belong in the cache). {@code boot-time DIR}, the recorded run, started with the
 * very JVM flags of a boot-time command (bin/common.sh), runs every command Heads runs at power-on
 * against it, so that the classes they need are loaded, linked and profiled before the first boot,
 * then stops the lab machine.
 *
 * <p>Exits non-zero when a command failed, so that a training that silently skipped a command is
 * noticed (the launcher then keeps no cache rather than a partial one).
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !List.of("prepare", "boot-time").contains(args[0])) {
            System.err.println("usage: StartupTraining prepare|boot-time DIR");
            System.exit(2);
        }
        Workload workload = new Workload(Path.of(args[1]), new ArrayList<>());
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            if (args[0].equals("prepare")) {
                workload.prepare();
            } else {
                workload.bootTime();
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        if (!workload.failed().isEmpty()) {
            err.println("custody: start-up training: these commands failed: " + String.join("; ", workload.failed()));
            System.exit(1);
        }
    }

    private record Workload(Path scratch, List<String> failed) {
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

        void prepare() throws IOException {
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

        /** What runs at every power-on, twice: the second pass profiles the now-warm paths. */
        void bootTime() {
            String dir = lab().toString();
            String boot = lab().resolve("boot").toString();
            String keyring = publicKey().toString();
            String log = lab().resolve("eventlog.bin").toString();
            String rom = lab().resolve("rom.bin").toString();
            try {
                must("--version");
                for (int pass = 0; pass < 2; pass++) {
                    must("lab", "power-on", dir);
                    must("totp", "--machine", dir, "--json");
                    must("totp", "--machine", dir);
                    must("hotp", "--machine", dir, "--json", "--no-key");
                    must("boot", "verify", "--boot", boot, "--keyring", keyring, "--tpm", tpm());
                    must("boot", "verify", "--boot", boot, "--keyring", keyring, "--tpm", tpm(), "--json");
                    must("boot", "plan", "--boot", boot, "--default", "--keyring", keyring, "--tpm", tpm());
                    must("boot", "plan", "--boot", boot, "--default", "--keyring", keyring, "--tpm", tpm(), "--json");
                    must("disk-key", "unseal", "--machine", dir, "--passphrase-file", diskPassphrase().toString(),
                            "--out", scratch.resolve("duk").toString());
                    must("eventlog", "replay", log);
                    must(manyLogs(log));
                    must("rom", "inspect", rom);
                    must("rom", "inspect", "--json", rom);
                    // The initramfs's command on this TPM in host mode; with no LUKS device recorded it shows
                    // the code, refuses the disk (exit 1) and extends PCR 4, so it comes last in the pass.
                    expectRefusal("boot", "unlock", "--tpm", tpm(), "--boot", scratch.resolve("no-boot").toString(),
                            "--no-prompt");
                }
            } finally {
                Main.run("lab", "stop", dir);
            }
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
            if (Main.run(command) != 1) {
                failed.add(String.join(" ", command) + " (expected exit 1)");
            }
        }

        private void must(String... command) {
            if (Main.run(command) != 0) {
                failed.add(String.join(" ", command));
            }
        }
    }
}
