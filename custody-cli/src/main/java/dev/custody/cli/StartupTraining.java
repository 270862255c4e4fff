package dev.custody.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workload bin/custody records an ahead-of-time cache from (JDK 25+, -XX:AOTCacheOutput):
 * the boot-time commands, run in one JVM against a throw-away virtual TPM and lab machine, so
 * that the classes they need are loaded, linked and profiled before the first real boot.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("custody-training-");
        String tpm = "vtpm:" + scratch.resolve("tpm");
        Path secret = Files.writeString(scratch.resolve("secret"), "training");
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Main.run("tpm", "vtpm", "start", scratch.resolve("tpm").toString());
            Main.run("tpm", "info", "--tpm", tpm);
            Main.run("tpm", "pcrs", "--tpm", tpm, "--json");
            Main.run("tpm", "extend", "--tpm", tpm, "--pcr", "16", "--data", "training");
            Main.run("tpm", "seal", "--tpm", tpm, "--pcrs", "16", "--in", secret.toString(), "--handle", "0x81000100");
            Main.run("tpm", "unseal", "--tpm", tpm, "--handle", "0x81000100", "--out", scratch.resolve("out").toString());
            Main.run("totp", "seal", "--tpm", tpm, "--pcrs", "0,1,2,3,4,7");
            Main.run("totp", "--tpm", tpm, "--json");
            Main.run("hotp", "--tpm", tpm, "--json", "--no-key");
            String lab = scratch.resolve("lab").toString();
            Main.run("lab", "create", lab);
            Main.run("lab", "power-on", lab);
            Main.run("totp", "seal", "--machine", lab);
            Main.run("totp", "--machine", lab, "--json");
            Main.run("eventlog", "show", scratch.resolve("lab").resolve("eventlog.bin").toString(), "--json");
            Main.run("rom", "inspect", scratch.resolve("lab").resolve("rom.bin").toString(), "--json");
            Main.run("boot", "entries", "--boot", scratch.resolve("lab").resolve("boot").toString(), "--json");
            Main.run("lab", "stop", lab);
        } finally {
            Main.run("tpm", "vtpm", "stop", scratch.resolve("tpm").toString());
            System.setOut(out);
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
