package dev.custody.machine.lab;

import dev.custody.common.AtomicFiles;
import dev.custody.machine.LabMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The story 'lab demo' tells on a fresh lab machine: a shop's factory reset, tampering caught, a
 * firmware update that keeps the TOTP valid, and the hand-off to a new owner. Each step says
 * what happens, prepares the files the story needs, or is a custody command that the CLI runs as
 * a user would; what the story must not decide is how commands are run.
 */
public final class LabDemo {
    private static final String SHOP_OWNER = "lab shop owner";

    private LabDemo() {}

    /** One step of the story, in order. */
    public sealed interface Step {
        /** A new chapter: its title, then lines that explain it. */
        record Chapter(String title, List<String> more) implements Step {}

        /** A custody command, with the outcome it must have on a machine that behaves. */
        record Command(Expect expect, List<String> arguments) implements Step {}

        /** A change to the lab's files the story needs; {@code shown} is the shell line printed after it, if any. */
        record Prepare(FileAction action, Optional<String> shown) implements Step {}

        /** What an authenticator app that scanned the QR code shows. */
        record PhoneShows(Path qrPng) implements Step {}
    }

    public enum Expect { SUCCESS, TOTP_REFUSED }

    @FunctionalInterface
    public interface FileAction {
        void run() throws IOException;
    }

    /** A next command to try, and why; {@code arguments} follow the command's name and work when pasted. */
    public record Hint(String arguments, String why) {}

    /** The story on {@code lab} with a TPM of {@code tpmVersion}; {@code ownerPublicKey} is where the reset leaves the shop's key. */
    public static List<Step> story(LabMachine lab, String tpmVersion, Path ownerPublicKey) {
        String d = lab.directory().toString();
        Path answers = lab.directory().resolve("shop-answers.json");
        Path qr = lab.directory().resolve("totp-qr.png");
        Path ownerAuth = lab.directory().resolve("shop-owner-passphrase");
        Path original = lab.directory().resolve("rom.bin.original");
        Path update = lab.directory().resolve("update.rom");
        Path romstage = lab.directory().resolve("romstage-4.23.bin");
        Path shopKey = lab.directory().resolve("shop-key.asc");
        Path bundle = lab.directory().resolve("bundle");
        return List.<Step>of(
                chapter("Create a lab machine: a ROM, a /boot with Xen, a LUKS2 disk and a virtual TPM."),
                command("lab", "create", d, "--tpm-version", tpmVersion),

                chapter("A shop prepares the machine for a customer: Heads' OEM factory reset, from an answers file.",
                        "TPM cleared and re-owned, a new OpenPGP key whose public part goes into the firmware,",
                        "a TOTP secret sealed to the measurements the new firmware will produce, a TPM disk unlock",
                        "key, /boot signed with a new rollback counter; the lab then powers on, as Heads reboots."),
                prepare(() -> AtomicFiles.writePrivate(answers, ("{\"tpmOwnerPassphrase\": \"" + SHOP_OWNER
                        + "\", \"uid\": \"Lab Shop <shop@custody-lab.invalid>\","
                        + " \"keyPassphrase\": \"lab shop key\", \"diskUnlockKey\": true, \"diskUnlockPassphrase\": \"lab disk unlock\","
                        + " \"totpLabel\": \"custody-lab\", \"saveSecrets\": true}").getBytes(StandardCharsets.UTF_8))),
                command("own", "reset", "--machine", d, "--answers", answers.toString(), "--qr-png", qr.toString()),
                prepare(() -> AtomicFiles.writePrivate(ownerAuth, SHOP_OWNER.getBytes(StandardCharsets.UTF_8))),

                chapter("Power on: the machine shows a code, which must equal what the authenticator app computes."),
                command("lab", "power-on", d),
                new Step.PhoneShows(qr),

                chapter("An attacker changes the firmware (fallback/romstage). Power on: no code, and Custody says what changed."),
                prepare(() -> Files.copy(lab.rom(), original)),
                command("lab", "tamper", d, "--what", "rom"),
                new Step.Command(Expect.TOTP_REFUSED, List.of("lab", "power-on", d)),

                chapter("Restore the original firmware and power on: the code is back."),
                new Step.Prepare(() -> Files.copy(original, lab.rom(), StandardCopyOption.REPLACE_EXISTING),
                        Optional.of("cp " + original + " " + lab.rom())),
                command("lab", "power-on", d),

                chapter("A firmware update (a newer romstage). Custody predicts the new measurements and reseals first,",
                        "so after power-on the phone's code is still valid, with no re-enrolment."),
                prepare(() -> Files.write(romstage, "coreboot 4.23 romstage (lab stand-in)\n".repeat(800).getBytes(StandardCharsets.US_ASCII))),
                prepare(() -> Files.copy(original, update)),
                command("rom", "add", update.toString(), "--name", "fallback/romstage", "--file", romstage.toString(),
                        "--compression", "lz4", "--replace"),
                command("rom", "flash", update.toString(), "--machine", d, "--keep-settings", "--owner-auth-file", ownerAuth.toString()),
                command("lab", "power-on", d),
                new Step.PhoneShows(qr),

                chapter("The shop hands the machine off: a manifest signed with its key, and the secrets split into",
                        "3 shares, any 2 of which recover them, to be sent over different channels."),
                prepare(() -> Files.copy(ownerPublicKey, shopKey, StandardCopyOption.REPLACE_EXISTING)),
                command("own", "handoff", "--machine", d, "--shares", "3", "--threshold", "2", "--out", bundle.toString()),

                chapter("The new owner checks the machine against the bundle (signature, TPM identity, firmware, /boot,",
                        "PCRs, TOTP), then takes it over: every secret the shop knew is replaced."),
                command("own", "receive", bundle.toString(), "--machine", d, "--provisioner-key", shopKey.toString(),
                        "--shares", bundle.resolve("share-1.txt") + "," + bundle.resolve("share-3.txt"), "--skip-seals"),
                command("lab", "power-on", d));
    }

    /**
     * How the user can run Custody: {@code custody} when that name on the PATH is this checkout's
     * command (bin/setup links it), otherwise the full path of bin/custody, so that the hints work
     * when pasted. {@code env} is the environment bin/custody set (CUSTODY_SCRIPT) and PATH.
     */
    public static String commandName(Map<String, String> env) {
        Optional<Path> script = Optional.ofNullable(env.get("CUSTODY_SCRIPT")).map(Path::of);
        if (script.isEmpty()) {
            return "custody";
        }
        for (String folder : env.getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "custody");
            if (Files.isExecutable(candidate)) {
                return sameFile(candidate, script.get()) ? "custody" : script.get().toString();
            }
        }
        return script.get().toString();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** What the demo suggests next, in this order. */
    public static List<Hint> tryNext(LabMachine lab) {
        String d = quoted(lab.directory().toString());
        return List.of(
                new Hint("totp --machine " + d, "the code, as the phone shows it"),
                new Hint("lab status " + d, "on or off, what is sealed, whether /boot verifies"),
                new Hint("menu --machine " + d, "the boot menu, with the TOTP in its title (Esc leaves)"),
                new Hint("eventlog show " + quoted(lab.eventLog().toString()), "what the firmware measured"),
                new Hint("lab stop " + d, "switches the machine off"));
    }

    /**
     * The code an authenticator app shows for the secret in the QR code: zbarimg reads it, oathtool
     * computes it. Empty when zbarimg is not installed; an empty code when oathtool is not.
     */
    public static Optional<String> phoneCode(Path qrPng) throws IOException, InterruptedException {
        String uri = output("zbarimg", "--quiet", "--raw", qrPng.toString());
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(output("oathtool", "--totp", "-b", uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1")));
    }

    private static String output(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException missing) {
            return "";
        }
    }

    private static Step chapter(String title, String... more) {
        return new Step.Chapter(title, List.of(more));
    }

    private static Step command(String... arguments) {
        return new Step.Command(Expect.SUCCESS, List.of(arguments));
    }

    private static Step prepare(FileAction action) {
        return new Step.Prepare(action, Optional.empty());
    }

    private static String quoted(String path) {
        return path.matches("[A-Za-z0-9_./+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
