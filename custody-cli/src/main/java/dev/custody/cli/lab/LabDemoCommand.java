package dev.custody.cli.lab;

import dev.custody.cli.Main;
import dev.custody.common.AtomicFiles;
import dev.custody.machine.LabMachine;
import dev.custody.ownership.OwnershipFiles;
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
        description = {"A narrated, non-interactive run of the whole flow on a fresh lab machine: a shop's",
            "factory reset (key, signed /boot, TOTP sealed to the firmware, disk unlock key), tampering caught and",
            "explained, a firmware update that keeps the TOTP valid, and the hand-off to a new owner who checks",
            "the machine and replaces every secret. Every step is a real custody command, shown as it runs.",
            "With --tpm-version 1.2 the same story runs on a TPM 1.2, as on a ThinkPad x230 or T430.",
            "Exit 0 only if every step behaved as it must."})
final class LabDemoCommand implements Callable<Integer> {
    static final int STEP_MISBEHAVED = 6;
    private static final String SHOP_OWNER = "lab shop owner";

    @Option(names = "--dir", paramLabel = "DIR", description = "Build the lab machine here (default: a new temporary folder).")
    Path directory;

    @Option(names = "--tpm-version", paramLabel = "VERSION", defaultValue = "2.0",
            description = "The lab machine's TPM family: 2.0 (default) or 1.2.")
    String tpmVersion;

    private final List<String> failures = new ArrayList<>();
    private int stepNumber;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Instant start = Instant.now();
        Path dir = directory != null ? directory : Files.createTempDirectory("custody-lab-");
        LabMachine lab = new LabMachine(dir);
        String d = lab.directory().toString();
        try {
            narrate("Create a lab machine: a ROM, a /boot with Xen, a LUKS2 disk and a virtual TPM.");
            step(0, "lab", "create", d, "--tpm-version", tpmVersion);

            narrate("A shop prepares the machine for a customer: Heads' OEM factory reset, from an answers file.");
            System.out.println("   TPM cleared and re-owned, a new OpenPGP key whose public part goes into the firmware,");
            System.out.println("   a TOTP secret sealed to the measurements the new firmware will produce, a TPM disk unlock");
            System.out.println("   key, /boot signed with a new rollback counter; the lab then powers on, as Heads reboots.");
            Path answers = lab.directory().resolve("shop-answers.json");
            AtomicFiles.writePrivate(answers, ("{\"tpmOwnerPassphrase\": \"" + SHOP_OWNER + "\", \"uid\": \"Lab Shop <shop@custody-lab.invalid>\","
                    + " \"keyPassphrase\": \"lab shop key\", \"diskUnlockKey\": true, \"diskUnlockPassphrase\": \"lab disk unlock\","
                    + " \"totpLabel\": \"custody-lab\", \"saveSecrets\": true}").getBytes(StandardCharsets.UTF_8));
            Path qr = lab.directory().resolve("totp-qr.png");
            step(0, "own", "reset", "--machine", d, "--answers", answers.toString(), "--qr-png", qr.toString());
            Path ownerAuth = lab.directory().resolve("shop-owner-passphrase");
            AtomicFiles.writePrivate(ownerAuth, SHOP_OWNER.getBytes(StandardCharsets.UTF_8));

            narrate("Power on: the machine shows a code, which must equal what the authenticator app computes.");
            step(0, "lab", "power-on", d);
            authenticatorSays(qr);

            narrate("An attacker changes the firmware (fallback/romstage). Power on: no code, and Custody says what changed.");
            Path original = lab.directory().resolve("rom.bin.original");
            Files.copy(lab.rom(), original);
            step(0, "lab", "tamper", d, "--what", "rom");
            step(LabPowerOnCommand.TOTP_REFUSED, "lab", "power-on", d);

            narrate("Restore the original firmware and power on: the code is back.");
            Files.copy(original, lab.rom(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("$ cp " + original + " " + lab.rom());
            step(0, "lab", "power-on", d);

            narrate("A firmware update (a newer romstage). Custody predicts the new measurements and reseals first,");
            System.out.println("   so after power-on the phone's code is still valid, with no re-enrolment.");
            Path update = lab.directory().resolve("update.rom");
            Path romstage = Files.write(lab.directory().resolve("romstage-4.23.bin"),
                    "coreboot 4.23 romstage (lab stand-in)\n".repeat(800).getBytes(StandardCharsets.US_ASCII));
            Files.copy(original, update);
            step(0, "rom", "add", update.toString(), "--name", "fallback/romstage", "--file", romstage.toString(),
                    "--compression", "lz4", "--replace");
            step(0, "rom", "flash", update.toString(), "--machine", d, "--keep-settings", "--owner-auth-file", ownerAuth.toString());
            step(0, "lab", "power-on", d);
            authenticatorSays(qr);

            narrate("The shop hands the machine off: a manifest signed with its key, and the secrets split into");
            System.out.println("   3 shares, any 2 of which recover them, to be sent over different channels.");
            Path shopKey = lab.directory().resolve("shop-key.asc");
            Files.copy(OwnershipFiles.of(lab).ownerPublicKey(), shopKey, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path bundle = lab.directory().resolve("bundle");
            step(0, "own", "handoff", "--machine", d, "--shares", "3", "--threshold", "2", "--out", bundle.toString());

            narrate("The new owner checks the machine against the bundle (signature, TPM identity, firmware, /boot,");
            System.out.println("   PCRs, TOTP), then takes it over: every secret the shop knew is replaced.");
            step(0, "own", "receive", bundle.toString(), "--machine", d, "--provisioner-key", shopKey.toString(),
                    "--shares", bundle.resolve("share-1.txt") + "," + bundle.resolve("share-3.txt"), "--skip-seals");
            step(0, "lab", "power-on", d);
        } catch (IOException | RuntimeException | InterruptedException e) {
            LabPower.stop(lab);
            throw e;
        }
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        if (!failures.isEmpty()) {
            LabPower.stop(lab);
            System.out.println("\nThe demo did NOT go as it must: " + String.join("; ", failures));
            return STEP_MISBEHAVED;
        }
        String custody = LabDemoHints.commandName();
        System.out.printf("%nDone in %d s. The lab machine in %s is still on: its virtual TPM runs in the background"
                + " until '%s lab stop %s'. Try next, in this order:%n", seconds, d, custody, d);
        for (LabDemoHints.Hint hint : LabDemoHints.tryNext(lab)) {
            System.out.printf("  %s%n      %s%n", custody + " " + hint.arguments(), hint.why());
        }
        return 0;
    }

    private void narrate(String text) {
        System.out.printf("%n== %d. %s%n", ++stepNumber, text);
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
