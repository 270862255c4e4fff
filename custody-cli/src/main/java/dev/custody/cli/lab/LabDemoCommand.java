package dev.custody.cli.lab;

import dev.custody.cli.Main;
import dev.custody.common.AtomicFiles;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabKeys;
import dev.custody.machine.lab.LabPower;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A narrated, non-interactive run of the whole flow on a fresh lab machine:",
            "owner key, signed /boot, TOTP sealed to the firmware, tampering caught and explained, and a",
            "firmware update that keeps the TOTP valid. Every step is a real custody command, shown as it runs.",
            "Exit 0 only if every step behaved as it must."})
final class LabDemoCommand implements Callable<Integer> {
    static final int STEP_MISBEHAVED = 6;

    @Option(names = "--dir", paramLabel = "DIR", description = "Build the lab machine here (default: a new temporary folder).")
    Path directory;

    private final List<String> failures = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Instant start = Instant.now();
        Path dir = directory != null ? directory : Files.createTempDirectory("custody-lab-");
        LabMachine lab = new LabMachine(dir);
        String d = lab.directory().toString();
        try {
            narrate(1, "Create a lab machine: a ROM, a /boot with Xen, a LUKS2 disk and a virtual TPM.");
            step(0, "lab", "create", d);

            narrate(2, "Generate the owner's OpenPGP key, and put its public part into the firmware, where Heads keeps it.");
            Path passphrase = lab.directory().resolve("owner-passphrase");
            AtomicFiles.writePrivate(passphrase, "lab owner passphrase".getBytes(StandardCharsets.US_ASCII));
            Path key = lab.directory().resolve("owner-key.asc");
            Path publicKey = lab.directory().resolve("owner-key.pub.asc");
            step(0, "key", "generate", "--uid", "Lab Owner <owner@custody-lab.invalid>", "--algorithm", "ED25519",
                    "--out", key.toString(), "--public", publicKey.toString(), "--passphrase-file", passphrase.toString());
            LabKeys.installPublicKey(lab, publicKey);
            System.out.println("  (the public key is now heads/initrd/.gnupg/pubring.kbx in " + lab.rom() + ")");

            narrate(3, "Sign /boot with the owner's key; the TPM's rollback counter goes into kexec_rollback.txt.");
            step(0, "boot", "sign", "--boot", lab.bootDirectory().toString(), "--key", key.toString(),
                    "--passphrase-file", passphrase.toString(), "--default", "1", "--tpm", "vtpm:" + lab.directory().resolve("tpm"));

            narrate(4, "Power on, then seal a new TOTP secret to the firmware's measurements. Scan the code with your phone.");
            step(0, "lab", "power-on", d);
            Path qr = lab.directory().resolve("totp-qr.png");
            step(0, "totp", "seal", "--machine", d, "--qr-png", qr.toString());

            narrate(5, "Power on: the machine shows a code, which must equal what the authenticator app computes.");
            step(0, "lab", "power-on", d);
            authenticatorSays(qr);

            narrate(6, "An attacker changes the firmware (fallback/romstage). Power on: no code, and Custody says what changed.");
            Path original = lab.directory().resolve("rom.bin.original");
            Files.copy(lab.rom(), original);
            step(0, "lab", "tamper", d, "--what", "rom");
            step(LabPowerOnCommand.TOTP_REFUSED, "lab", "power-on", d);

            narrate(7, "Restore the original firmware and power on: the code is back.");
            Files.copy(original, lab.rom(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("$ cp " + original + " " + lab.rom());
            step(0, "lab", "power-on", d);

            narrate(8, "A firmware update (a newer romstage). Custody predicts the new measurements and reseals first,");
            System.out.println("   so after power-on the phone's code is still valid, with no re-enrolment.");
            Path update = lab.directory().resolve("update.rom");
            Path romstage = Files.write(lab.directory().resolve("romstage-4.23.bin"),
                    "coreboot 4.23 romstage (lab stand-in)\n".repeat(800).getBytes(StandardCharsets.US_ASCII));
            Files.copy(original, update);
            step(0, "rom", "add", update.toString(), "--name", "fallback/romstage", "--file", romstage.toString(),
                    "--compression", "lz4", "--replace");
            step(0, "rom", "flash", update.toString(), "--machine", d, "--keep-settings");
            step(0, "lab", "power-on", d);
            authenticatorSays(qr);
        } finally {
            LabPower.stop(lab);
        }
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        if (!failures.isEmpty()) {
            System.out.println("\nThe demo did NOT go as it must: " + String.join("; ", failures));
            return STEP_MISBEHAVED;
        }
        System.out.printf("%nDone in %d s. The lab machine stays in %s. Try next:%n", seconds, d);
        System.out.println("  custody menu --machine " + d + "              the boot menu, with the TOTP in its title");
        System.out.println("  custody lab tamper " + d + " --what kernel    then custody lab power-on " + d);
        System.out.println("  custody eventlog show " + lab.eventLog() + "  what was measured");
        return 0;
    }

    private static void narrate(int number, String text) {
        System.out.printf("%n== %d. %s%n", number, text);
    }

    private void step(int expectedExit, String... args) {
        System.out.println("$ custody " + String.join(" ", quoted(args)));
        System.out.flush();
        int exit = Main.run(args);
        if (exit != expectedExit) {
            failures.add("'custody " + String.join(" ", args) + "' exited " + exit + ", not " + expectedExit);
        }
    }

    /** What an authenticator app shows for the secret in the QR code: zbarimg reads it, oathtool computes it. */
    private static void authenticatorSays(Path qr) throws IOException, InterruptedException {
        String uri = run("zbarimg", "--quiet", "--raw", qr.toString());
        if (uri.isEmpty()) {
            System.out.println("  (zbarimg and oathtool are not installed, so the phone's side is not shown)");
            return;
        }
        String secret = uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        System.out.println("  An authenticator app that scanned the QR code shows: " + run("oathtool", "--totp", "-b", secret));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException missing) {
            return "";
        }
    }

    private static List<String> quoted(String... args) {
        return java.util.Arrays.stream(args).map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList();
    }
}
