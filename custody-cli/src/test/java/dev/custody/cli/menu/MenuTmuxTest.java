package dev.custody.cli.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The boot menu as the owner meets it: a real terminal (tmux, 80x25), keys in, screen out. */
class MenuTmuxTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    static Path keys;

    @TempDir
    Path work;

    Path boot;

    @BeforeAll
    static void generateKey() throws IOException {
        Files.writeString(keys.resolve("passphrase"), "correct horse battery\n");
        CliRun made = CliRun.of("key", "generate", "--uid", "Owner", "--out", keys.resolve("key.asc").toString(),
                "--public", keys.resolve("pub.asc").toString(), "--algorithm", "ED25519",
                "--passphrase-file", keys.resolve("passphrase").toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
    }

    @BeforeEach
    void signedBoot() throws IOException {
        boot = work.resolve("boot");
        Files.createDirectories(boot.resolve("grub"));
        Files.writeString(boot.resolve("grub/grub.cfg"), """
                menuentry 'Debian GNU/Linux' {
                	linux	/vmlinuz-6.1 root=/dev/sda2 ro quiet
                	initrd	/initrd.img-6.1
                }
                menuentry 'Debian GNU/Linux (old kernel)' {
                	linux	/vmlinuz-6.0 root=/dev/sda2 ro quiet
                }
                """);
        Files.writeString(boot.resolve("vmlinuz-6.1"), "kernel");
        Files.writeString(boot.resolve("vmlinuz-6.0"), "old kernel");
        Files.writeString(boot.resolve("initrd.img-6.1"), "initrd");
        CliRun signed = CliRun.of("boot", "sign", "--boot", boot.toString(), "--key", keys.resolve("key.asc").toString(),
                "--passphrase-file", keys.resolve("passphrase").toString(), "--default", "1");
        assertThat(signed.exitCode()).as(signed.err()).isZero();
    }

    private Tmux menu(String... extra) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.custody.cli.Main", "menu",
                "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString(),
                "--key", keys.resolve("key.asc").toString(), "--tpm", swtpm.spec(), "--plan", work.resolve("plan.sh").toString()));
        command.addAll(List.of(extra));
        String quoted = String.join(" ", command.stream().map(w -> "'" + w + "'").toList());
        return new Tmux(quoted + "; echo menu-exit-$?; sleep 600");
    }

    @Test
    void verifiedDefaultBootWritesTheKexecPlan() throws IOException {
        try (Tmux tmux = menu()) {
            String screen = tmux.waitFor("/boot: verified, default 'Debian GNU/Linux'");
            assertThat(screen).contains("Custody boot menu", "TOTP: none", "HOTP:", "Default boot", "Refresh TOTP/HOTP",
                    "Options -->", "System info", "Power off / Exit");
            assertThat(screen.lines()).hasSizeLessThanOrEqualTo(25).allMatch(line -> line.length() <= 80);
            tmux.keys("Enter");
            tmux.waitFor("menu-exit-0");
        }
        assertThat(Files.readString(work.resolve("plan.sh"))).contains("# /boot verified. Entry: Debian GNU/Linux",
                "kexec -l " + boot.resolve("vmlinuz-6.1") + " --initrd=" + boot.resolve("initrd.img-6.1"), "kexec -e");
    }

    @Test
    void escClosesTheOptionsDialogAsTheFooterPromises() {
        try (Tmux tmux = menu()) {
            tmux.waitFor("/boot: verified");
            tmux.keys("Down", "Down", "Enter");
            tmux.waitFor("Recovery shell");
            tmux.keys("Escape");
            assertThat(tmux.waitForAbsence("Recovery shell")).contains("Esc goes back.", "Power off / Exit");
            tmux.keys("Down", "Down", "Down", "Down", "Enter");
            tmux.waitFor("menu-exit-0");
        }
    }

    @Test
    void aTamperedBootNamesTheFileAndAForcedBootIsMarkedAndExtendsPcr4() throws IOException {
        Files.writeString(boot.resolve("vmlinuz-6.1"), "evil kernel");
        byte[] before = pcr4();
        try (Tmux tmux = menu()) {
            tmux.waitFor("/boot: NOT VERIFIED (2 problems)");
            tmux.keys("Enter");
            String dialog = tmux.waitFor("ERROR: /boot not verified");
            assertThat(dialog).contains("vmlinuz-6.1: changed since signing", "UNSAFE");
            tmux.keys("Right", "Enter");
            tmux.waitFor("menu-exit-0");
        }
        assertThat(Files.readString(work.resolve("plan.sh"))).contains("# UNSAFE FORCED BOOT", "vt.default_red=");
        assertThat(pcr4()).isNotEqualTo(before);
    }

    @Test
    void restrictedModeRefusesToBootAModifiedBoot() throws IOException {
        Files.writeString(boot.resolve("initrd.img-6.1"), "evil initrd");
        Path config = work.resolve("config.user");
        Files.writeString(config, "CONFIG_RESTRICTED_BOOT=y\n");
        try (Tmux tmux = menu("--config", config.toString())) {
            tmux.waitFor("Restricted mode: no forced boot, no recovery");
            tmux.keys("Enter");
            assertThat(tmux.waitFor("it cannot be booted.")).contains("initrd.img-6.1: changed since signing");
            tmux.keys("Enter");
            tmux.waitFor("Power off / Exit");
            tmux.keys("Down", "Down", "Down", "Down", "Enter");
            tmux.waitFor("menu-exit-0");
        }
        assertThat(work.resolve("plan.sh")).doesNotExist();
    }

    @Test
    void signingFromOptionsShowsTheChangeReportFirstAndAsksThePassphrase() throws IOException {
        Files.writeString(boot.resolve("vmlinuz-6.2"), "new kernel");
        try (Tmux tmux = menu()) {
            tmux.waitFor("/boot: NOT VERIFIED");
            tmux.keys("Down", "Down", "Enter");
            tmux.waitFor("Recovery shell");
            tmux.keys("Down", "Enter");
            assertThat(tmux.waitFor("Changes since /boot was signed")).contains("added    kernel       vmlinuz-6.2");
            tmux.keys("Right", "Enter");
            tmux.waitFor("Passphrase of the signing key");
            tmux.type("wrong one");
            tmux.keys("Enter");
            assertThat(tmux.waitFor("Error")).contains("wrong passphrase");
            tmux.keys("Enter");
            assertThat(tmux.waitFor("Esc goes back.")).contains("/boot: NOT VERIFIED (1 problem)");
            tmux.keys("Enter");
            tmux.waitFor("Recovery shell");
            tmux.keys("Down", "Enter");
            tmux.waitFor("Changes since /boot was signed");
            tmux.keys("Right", "Enter");
            tmux.waitFor("Passphrase of the signing key");
            tmux.type("correct horse battery");
            tmux.keys("Enter");
            assertThat(tmux.waitFor("/boot signed")).contains("5 files hashed and signed.", "Rollback counter: ");
            tmux.keys("Enter");
            tmux.waitFor("/boot: verified");
        }
        CliRun verified = CliRun.of("boot", "verify", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString(),
                "--tpm", swtpm.spec());
        assertThat(verified.exitCode()).as(verified.out()).isZero();
    }

    @Test
    void onALabMachineTheTitleShowsTheTotpCodeOfItsSealedSecret() throws IOException, InterruptedException {
        Path lab = work.resolve("lab");
        try {
            assertThat(CliRun.of("lab", "create", lab.toString()).exitCode()).isZero();
            // /boot is not signed yet, so power-on measures but refuses to boot.
            assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode())
                    .isEqualTo(dev.custody.cli.lab.LabPowerOnCommand.BOOT_REFUSED);
            CliRun sealed = CliRun.of("totp", "seal", "--machine", lab.toString(), "--qr-png", work.resolve("qr.png").toString());
            assertThat(sealed.exitCode()).as(sealed.err()).isZero();
            CliRun signed = CliRun.of("boot", "sign", "--boot", lab.resolve("boot").toString(), "--key", keys.resolve("key.asc").toString(),
                    "--passphrase-file", keys.resolve("passphrase").toString());
            assertThat(signed.exitCode()).as(signed.err()).isZero();
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.custody.cli.Main", "menu", "--machine", lab.toString(),
                    "--keyring", keys.resolve("pub.asc").toString());
            try (Tmux tmux = new Tmux(String.join(" ", command.stream().map(w -> "'" + w + "'").toList()) + "; sleep 600")) {
                String screen = tmux.waitFor("/boot: verified");
                assertThat(screen).containsPattern("TOTP: \\d{6} \\(\\d{1,2} s\\)");
                String code = screen.replaceAll("(?s).*TOTP: (\\d{6}).*", "$1");
                CliRun totp = CliRun.of("totp", "--machine", lab.toString(), "--json");
                String expected = totp.out().replaceAll("(?s).*\"code\": \"(\\d{6})\".*", "$1");
                // The title refreshes once a second: across a 30-second boundary it may lag by that much.
                Thread.sleep(1500);
                String again = tmux.screen().replaceAll("(?s).*TOTP: (\\d{6}).*", "$1");
                assertThat(List.of(code, again)).contains(expected);
            }
        } finally {
            CliRun.of("lab", "stop", lab.toString());
        }
    }

    private static byte[] pcr4() {
        try (Tpm tpm = swtpm.open()) {
            return tpm.readPcrs(PcrBank.SHA256, List.of(4)).get(4);
        }
    }
}
