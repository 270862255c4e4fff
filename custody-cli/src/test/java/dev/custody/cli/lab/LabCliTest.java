package dev.custody.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.LabFolders;
import dev.custody.cli.LabTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** A whole lab machine through the custody command: swtpm, cryptsetup, oathtool and zbarimg for real. */
class LabCliTest extends LabFolders {
    private String create() {
        CliRun created = CliRun.of("lab", "create", lab.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        return lab.toString();
    }

    /** Until /boot is signed, power-on measures and shows the TOTP but refuses to boot. */
    private String sealTotp() throws Exception {
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isEqualTo(LabPowerOnCommand.BOOT_REFUSED);
        Path png = work.resolve("qr.png");
        CliRun sealed = CliRun.of("totp", "seal", "--machine", lab.toString(), "--qr-png", png.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        return run("zbarimg", "--quiet", "--raw", png.toString()).replaceAll(".*secret=", "");
    }

    @Test
    void createsTheMachinePiecesWithARealLuksDisk() throws Exception {
        create();
        assertThat(lab.resolve("rom.bin")).exists();
        assertThat(run("cbfstool", lab.resolve("rom.bin").toString(), "print"))
                .contains("bootblock").contains("fallback/romstage").contains("fallback/ramstage")
                .contains("fallback/payload").contains("config").contains("revision")
                .contains("heads/initrd/etc/config.user");
        assertThat(lab.resolve("boot/grub2/grub.cfg")).content().contains("multiboot2");
        Path passphrase = lab.resolve("disk-recovery-passphrase");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passphrase))).isEqualTo("rw-------");
        run("cryptsetup", "open", "--test-passphrase", "--key-file", passphrase.toString(), lab.resolve("disk.img").toString());
        assertThat(run("cryptsetup", "luksDump", lab.resolve("disk.img").toString())).contains("Version:       \t2");
    }

    @Test
    void totpMatchesTheAuthenticatorAndTamperingNamesThePcrAndTheFile() throws Exception {
        create();
        String secret = sealTotp();
        assertThat(totpCode()).isEqualTo(run("oathtool", "--totp", "-b", secret));

        CliRun.of("lab", "tamper", lab.toString(), "--what", "rom");
        CliRun refused = CliRun.of("lab", "power-on", lab.toString());
        assertThat(refused.exitCode()).isEqualTo(LabPowerOnCommand.TOTP_REFUSED);
        assertThat(refused.out()).contains("changed since sealing: PCR 2").contains("PCR 2: CBFS file fallback/romstage changed");
        CliRun totp = CliRun.of("totp", "--machine", lab.toString(), "--json");
        assertThat(totp.exitCode()).isNotZero();
        assertThat(totp.err()).contains("PCR 2");
    }

    @Test
    void ownerFilesAndRecoveryChangeTheirPcrs() throws Exception {
        create();
        sealTotp();
        CliRun.of("lab", "tamper", lab.toString(), "--what", "config");
        assertThat(CliRun.of("lab", "power-on", lab.toString()).out()).contains("changed since sealing: PCR 7");

        CliRun.of("lab", "tamper", lab.toString(), "--what", "keyring");
        assertThat(CliRun.of("lab", "power-on", lab.toString()).out()).contains("changed since sealing: PCR 7");
    }

    @Test
    void recoveryBreaksTheCodeOnlyUntilTheNextPowerOn() throws Exception {
        create();
        String secret = sealTotp();
        CliRun.of("lab", "tamper", lab.toString(), "--what", "recovery");
        CliRun refused = CliRun.of("totp", "--machine", lab.toString(), "--json");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("changed since sealing: PCR 4");
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isEqualTo(LabPowerOnCommand.BOOT_REFUSED);
        assertThat(totpCode()).isEqualTo(run("oathtool", "--totp", "-b", secret));
    }

    @Test
    void firmwareUpdateWithPredictiveResealKeepsThePhonesCode() throws Exception {
        create();
        String secret = sealTotp();
        Path update = work.resolve("update.rom");
        Files.copy(lab.resolve("rom.bin"), update);
        Path romstage = Files.write(work.resolve("romstage"), "a newer romstage".repeat(500).getBytes(StandardCharsets.US_ASCII));
        assertThat(CliRun.of("rom", "remove", update.toString(), "--name", "fallback/romstage").exitCode()).isZero();
        assertThat(CliRun.of("rom", "add", update.toString(), "--name", "fallback/romstage", "--file", romstage.toString(),
                "--compression", "lz4").exitCode()).isZero();

        CliRun flashed = CliRun.of("rom", "flash", update.toString(), "--machine", lab.toString(), "--keep-settings");
        assertThat(flashed.exitCode()).as(flashed.err()).isZero();
        assertThat(flashed.out()).contains("Resealed the TOTP secret").contains("Kept heads/initrd/etc/config.user");

        CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString());
        assertThat(poweredOn.exitCode()).as(poweredOn.out()).isEqualTo(LabPowerOnCommand.BOOT_REFUSED);
        assertThat(poweredOn.out()).contains("TOTP:  ").doesNotContain("TOTP:  NONE");
        assertThat(totpCode()).isEqualTo(run("oathtool", "--totp", "-b", secret));
    }

    private String totpCode() throws InterruptedException {
        return LabTools.totpCode(lab);
    }

    static String run(String... command) throws IOException, InterruptedException {
        return LabTools.run(Path.of("."), command);
    }

    @Test
    void theDemoRunsEndToEnd() {
        CliRun demo = CliRun.of("lab", "demo", "--dir", lab.toString());
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("PCR 2: CBFS file fallback/romstage changed")
                .contains("Resealed the TOTP secret").contains("custody menu --machine");
        assertThat(demo.out().lines().filter(line -> line.matches("== \\d+\\..*")).map(line -> line.replaceAll("== (\\d+)\\..*", "$1")))
                .as("step numbers").containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        List<String> hints = demo.out().lines().dropWhile(line -> !line.contains("Try next"))
                .filter(line -> line.startsWith("  custody ")).map(line -> line.substring("  custody ".length())).toList();
        assertThat(hints).hasSizeGreaterThanOrEqualTo(4);
        for (String hint : hints) {
            if (hint.startsWith("menu ")) {
                continue; // a full-screen program; MenuTmuxTest drives it
            }
            CliRun tried = CliRun.of(hint.split(" "));
            assertThat(tried.exitCode()).as(hint + ": " + tried.out() + tried.err()).isZero();
            assertThat(tried.out() + tried.err()).as(hint).doesNotContain("POLICY_FAIL").doesNotContain("NOT VERIFIED");
        }
        assertThat(CliRun.of("totp", "--machine", lab.toString()).err()).as("after lab stop")
                .contains("not powered on").contains("lab power-on");
    }

    /** The same story on a TPM 1.2 (one monotonic counter moves per boot there, and the demo moves no more). */
    @Test
    void theDemoRunsEndToEndOnATpm12() {
        CliRun demo = CliRun.of("lab", "demo", "--tpm-version", "1.2", "--dir", lab.toString());
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("Created a lab machine with a TPM 1.2").contains("TPM_ForceClear under physical presence")
                .contains("PCR 2: CBFS file fallback/romstage changed").contains("Resealed the TOTP secret")
                .contains("VERIFIED").doesNotContain("did NOT go as it must");
    }

    @Test
    void bootTamperingIsCaughtByBootVerification() throws Exception {
        create();
        Path passphrase = Files.writeString(work.resolve("passphrase"), "owner passphrase");
        Path key = work.resolve("key.asc");
        Path publicKey = work.resolve("key.pub.asc");
        assertThat(CliRun.of("key", "generate", "--uid", "Owner <o@lab.invalid>", "--algorithm", "ED25519",
                "--out", key.toString(), "--public", publicKey.toString(), "--passphrase-file", passphrase.toString())
                .exitCode()).isZero();
        dev.custody.machine.lab.LabKeys.installPublicKey(new dev.custody.machine.LabMachine(lab), publicKey);
        String tpm = "vtpm:" + lab.resolve("tpm");
        String[] sign = {"boot", "sign", "--boot", lab.resolve("boot").toString(), "--key", key.toString(),
            "--passphrase-file", passphrase.toString(), "--default", "1", "--tpm", tpm};
        assertThat(CliRun.of(sign).exitCode()).isZero();
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isZero();
        assertThat(CliRun.of(sign).exitCode()).isZero();
        CliRun verified = CliRun.of("lab", "power-on", lab.toString());
        assertThat(verified.exitCode()).as(verified.out()).isZero();
        assertThat(verified.out()).contains(": verified").contains("kexec -l");

        CliRun.of("lab", "tamper", lab.toString(), "--what", "rollback");
        CliRun rolledBack = CliRun.of("lab", "power-on", lab.toString());
        assertThat(rolledBack.exitCode()).isEqualTo(LabPowerOnCommand.BOOT_REFUSED);
        assertThat(rolledBack.out()).contains("NOT VERIFIED").contains("rollback").doesNotContain("kexec -l");

        assertThat(CliRun.of(sign).exitCode()).isZero();
        for (String kind : new String[] {"kernel", "initrd", "grub", "add-file"}) {
            CliRun.of("lab", "tamper", lab.toString(), "--what", kind);
            CliRun refused = CliRun.of("lab", "power-on", lab.toString());
            assertThat(refused.exitCode()).as(kind).isEqualTo(LabPowerOnCommand.BOOT_REFUSED);
            assertThat(refused.out()).as(kind).contains("NOT VERIFIED").doesNotContain("kexec -l");
            assertThat(CliRun.of(sign).exitCode()).isZero();
        }
    }
}
