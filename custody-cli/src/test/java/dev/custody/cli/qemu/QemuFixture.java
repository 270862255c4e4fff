package dev.custody.cli.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CliRun;
import dev.custody.machine.qemu.GuestInitramfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the QEMU tests share (integration tests: they need the jars of Maven's package phase): the
 * package installed into a staging root by {@code bin/package --no-build --root}
 * and the guest initramfs mkinitramfs builds from it (once per test JVM), then machines made with
 * {@code lab create --initrd}.
 */
final class QemuFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path KERNEL = newestKernel();
    private static Path sharedInitramfs;

    private QemuFixture() {}

    /**
     * The guest initramfs, built once per test JVM from the package installed by {@code bin/package
     * --root} (a minute and more): every QEMU class boots the same one.
     */
    static synchronized Path initramfs() throws Exception {
        if (sharedInitramfs == null) {
            Path repository = Path.of("..").toAbsolutePath().normalize();
            Path work = Files.createTempDirectory("custody-qemu-guest");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work)));
            Path root = work.resolve("package-root");
            // --no-build: Maven's package phase made the jars; a nested build of the same tree would
            // replace the module's jar under the running build.
            run(List.of(repository.resolve("bin/package").toString(), "--no-build", "--root", root.toString()), 1200);
            Path initrd = work.resolve("initrd.img");
            GuestInitramfs.build(root, GuestInitramfs.kernelVersion(KERNEL), initrd);
            sharedInitramfs = initrd;
        }
        return sharedInitramfs;
    }

    static Path create(Path work, String name, String firmware, Path initrd) {
        Path machine = work.resolve(name);
        CliRun created = CliRun.of("lab", "create", machine.toString(), "--firmware", firmware, "--initrd", initrd.toString(),
                "--kernel", KERNEL.toString());
        assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
        return machine;
    }

    /** The TOTP secret in the QR code, as zbarimg reads it. */
    static String sealTotp(Path work, Path machine) throws Exception {
        Path png = work.resolve(machine.getFileName() + "-qr.png");
        CliRun sealed = CliRun.of("totp", "seal", "--machine", machine.toString(), "--qr-png", png.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        // zbarimg also complains on stderr when there is no D-Bus; only its otpauth line counts.
        String decoded = run(List.of("zbarimg", "--quiet", "--raw", png.toString()), 30);
        String uri = decoded.lines().filter(line -> line.startsWith("otpauth://")).findFirst()
                .orElseThrow(() -> new AssertionError("zbarimg found no otpauth URI in " + png + ": " + decoded));
        return uri.replaceAll(".*secret=", "").replaceAll("&.*", "").strip();
    }

    static Path sealDiskKey(Path work, Path machine) throws IOException {
        Path passphrase = work.resolve(machine.getFileName() + "-unlock");
        Files.writeString(passphrase, "lab unlock passphrase", StandardCharsets.US_ASCII);
        CliRun sealed = CliRun.of("disk-key", "seal", "--machine", machine.toString(), "--passphrase-file", passphrase.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        return passphrase;
    }

    record PowerOn(int exitCode, JsonNode json, Instant started) {}

    static PowerOn powerOn(Path machine, Path passphrase) throws IOException {
        Instant started = Instant.now();
        CliRun run = CliRun.of("lab", "power-on", machine.toString(), "--disk-passphrase-file", passphrase.toString(), "--json");
        return new PowerOn(run.exitCode(), JSON.readTree(run.out()), started);
    }

    /** oathtool's codes for the secret around the power-on: the guest showed one of them. */
    static List<String> oathtoolCodes(String secret, Instant around) throws Exception {
        return run(List.of("oathtool", "--totp", "-b", "--window=12", "--now=@" + (around.getEpochSecond() - 60), secret), 30)
                .lines().toList();
    }

    /** The command's standard output; its stderr (zbarimg's D-Bus complaints, say) only explains a failure. */
    static String run(List<String> command, int seconds) throws Exception {
        Path errors = Files.createTempFile("custody-qemu-test", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as(command + " finished").isTrue();
            assertThat(process.exitValue()).as(command + ": " + out + Files.readString(errors)).isZero();
            return out;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("cannot delete " + folder + ": " + e.getMessage());
        }
    }

    private static Path newestKernel() {
        try (var files = Files.list(Path.of("/boot"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).sorted().reduce((a, b) -> b)
                    .orElse(Path.of("/boot/vmlinuz-missing"));
        } catch (IOException e) {
            return Path.of("/boot/vmlinuz-missing");
        }
    }
}
