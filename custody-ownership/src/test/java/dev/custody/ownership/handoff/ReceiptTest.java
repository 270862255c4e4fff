package dev.custody.ownership.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.firmware.FirmwareImage;
import dev.custody.machine.lab.LabPower;
import dev.custody.machine.lab.Tamper;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A real lab machine (swtpm, coreboot-style ROM, signed /boot, sealed TOTP) handed off and received. */
class ReceiptTest {
    @TempDir
    static Path work;

    private static LabHandoff machine;
    private static BundleWriter.Written bundle;

    @BeforeAll
    static void prepare() {
        machine = LabHandoff.prepare(work.resolve("lab"));
        bundle = machine.writeBundle(work.resolve("bundle"), List.of(LabHandoff.shipped(work.resolve("screw-1.png"), 1)));
    }

    @AfterAll
    static void stop() {
        machine.stop();
    }

    private static Receipt.Report receive(TrustAnchor anchor, List<Path> shares, Map<String, Path> photos, boolean skipSeals)
            throws IOException {
        try (Tpm tpm = Tpms.open(machine.lab().tpm())) {
            return Receipt.check(Bundle.open(bundle.files().directory()), machine.lab(), tpm,
                    new Receipt.Inputs(Optional.of(anchor), shares, photos, skipSeals, Optional.of(FirmwareImage.read(machine.lab().rom()))));
        }
    }

    private static TrustAnchor fingerprint() {
        return new TrustAnchor.Fingerprint(machine.key().fingerprint());
    }

    private static List<Path> shares(int... xs) {
        return java.util.Arrays.stream(xs).mapToObj(x -> bundle.files().shareText(x)).toList();
    }

    private static Check check(Receipt.Report report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aGenuineBundlePassesEveryCheckAndRecoversTheSecrets() throws IOException {
        try (Receipt.Report report = receive(fingerprint(), shares(3, 1), Map.of(), true)) {
            assertThat(report.checks()).extracting(Check::name)
                    .containsExactly("signature", "shares", "identity", "firmware", "boot", "pcrs", "totp", "seals");
            assertThat(report.checks()).filteredOn(c -> !c.name().equals("seals"))
                    .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(Check.Status.PASSED));
            assertThat(check(report, "seals").status()).isEqualTo(Check.Status.SKIPPED);
            assertThat(report.verdict()).isEqualTo(Receipt.Verdict.VERIFIED);
            assertThat(report.manifest().orElseThrow().serial()).contains("SN-0042");
            assertThat(new String(report.secrets().orElseThrow().get(OwnerSecrets.TOTP_SECRET).orElseThrow().bytes(),
                    StandardCharsets.US_ASCII)).isEqualTo(machine.totpBase32());
        }
    }

    @Test
    void checkingOnTheMachinesOwnTpmClosesItAgainForTheRotation() throws IOException {
        Receipt.Inputs inputs = new Receipt.Inputs(Optional.of(fingerprint()), shares(1, 2), Map.of(), true,
                Optional.of(FirmwareImage.read(machine.lab().rom())));
        try (Receipt.Report report = Receipt.check(Bundle.open(bundle.files().directory()), machine.lab(), inputs);
             Tpm again = Tpms.open(machine.lab().tpm())) {
            assertThat(report.verdict()).isEqualTo(Receipt.Verdict.VERIFIED);
            assertThat(report.toJson(bundle.files().directory(), Optional.empty()))
                    .containsEntry("bundleId", bundle.manifest().bundleId()).containsEntry("verdict", "verified")
                    .containsEntry("signer", report.signer().orElseThrow().fingerprint());
        }
    }

    @Test
    void theWrittenBundleSaysWhatTheNewOwnerGetsAndCanCheck() {
        assertThat(bundle.totpCheckable()).isTrue();
        assertThat(bundle.toJson()).containsEntry("bundle", bundle.files().directory().toString())
                .containsEntry("threshold", 2).containsEntry("shares", 3).containsEntry("totpCheckable", true)
                .containsEntry("sealPhotos", bundle.manifest().seals().stream().map(p -> p.name()).toList())
                .containsKeys("bundleId", "signer", "shareFiles");
    }

    @Test
    void theProvisionersKeyFileIsAnAnchorToo() throws IOException {
        Path key = Files.writeString(work.resolve("their-key.asc"), machine.key().armoredPublicKey());
        try (Receipt.Report report = receive(new TrustAnchor.KeyFile(key), shares(1, 2), Map.of(), true)) {
            assertThat(report.verdict()).isEqualTo(Receipt.Verdict.VERIFIED);
        }
    }

    @Test
    void sealsAreComparedAndUncomparedOnesLeaveTheReceiptIncomplete() throws IOException {
        try (Receipt.Report report = receive(fingerprint(), shares(1, 2), Map.of(), false)) {
            assertThat(check(report, "seals").status()).isEqualTo(Check.Status.NOT_CHECKED);
            assertThat(check(report, "seals").detail()).contains("screw-1.png: no new photo given").contains("--skip-seals");
            assertThat(report.verdict()).isEqualTo(Receipt.Verdict.INCOMPLETE);
        }
        Path taken = LabHandoff.rephotographed(work.resolve("taken.png"), 1);
        try (Receipt.Report report = receive(fingerprint(), shares(1, 2), Map.of("screw-1.png", taken), false)) {
            assertThat(check(report, "seals").status()).as(check(report, "seals").detail()).isEqualTo(Check.Status.PASSED);
            assertThat(report.verdict()).isEqualTo(Receipt.Verdict.VERIFIED);
        }
        Path tampered = LabHandoff.tamperedWith(work.resolve("tampered.png"), 1);
        try (Receipt.Report report = receive(fingerprint(), shares(1, 2), Map.of("screw-1.png", tampered), false)) {
            assertThat(check(report, "seals").status()).isEqualTo(Check.Status.FAILED);
            assertThat(check(report, "seals").detail()).contains("screw-1.png: TAMPERED");
            assertThat(report.verdict()).isEqualTo(Receipt.Verdict.REJECTED);
        }
        assertThatThrownBy(() -> receive(fingerprint(), shares(1, 2), Map.of("screw-9.png", taken), false))
                .hasMessageContaining("no seal photo named screw-9.png");
    }

    @Test
    void withoutSharesTheTotpIsNotCheckedSoNothingIsVerified() throws IOException {
        try (Receipt.Report report = receive(fingerprint(), List.of(), Map.of(), true)) {
            assertThat(check(report, "totp").status()).isEqualTo(Check.Status.NOT_CHECKED);
            assertThat(report.verdict()).isEqualTo(Receipt.Verdict.INCOMPLETE);
        }
    }

    @Test
    void aWrongFingerprintRejectsTheManifest() throws IOException {
        try (Receipt.Report report = receive(new TrustAnchor.Fingerprint("0123456789ABCDEF0123456789ABCDEF01234567"),
                shares(1, 2), Map.of(), true)) {
            assertThat(report.verdict()).isEqualTo(Receipt.Verdict.REJECTED);
            assertThat(report.checks().getFirst().detail()).contains("not by the provisioner you expect (0123 4567");
            assertThat(report.secrets()).isEmpty();
        }
        assertThatThrownBy(() -> new TrustAnchor.Fingerprint("DEADBEEF")).hasMessageContaining("not a full OpenPGP fingerprint");
    }

    @Test
    void anAlteredManifestIsRejectedWithTheReason() throws IOException {
        Path manifest = bundle.files().manifest();
        byte[] original = Files.readAllBytes(manifest);
        try {
            Files.writeString(manifest, new String(original, StandardCharsets.UTF_8).replace("SN-0042", "SN-0043"));
            try (Receipt.Report report = receive(fingerprint(), shares(1, 2), Map.of(), true)) {
                assertThat(report.verdict()).isEqualTo(Receipt.Verdict.REJECTED);
                assertThat(report.checks()).singleElement().satisfies(c -> assertThat(c.detail())
                        .contains("does not match manifest.json: the manifest was altered"));
            }
        } finally {
            Files.write(manifest, original);
        }
    }

    @Test
    void anAlteredSealPhotoIsRejected() throws IOException {
        Path photo = bundle.files().sealPhoto("screw-1.png");
        Path saved = work.resolve("saved.png");
        Files.copy(photo, saved, StandardCopyOption.REPLACE_EXISTING);
        try {
            LabHandoff.photo(photo, 2);
            try (Receipt.Report report = receive(fingerprint(), shares(1, 2), Map.of(), true)) {
                assertThat(check(report, "seals").status()).isEqualTo(Check.Status.FAILED);
                assertThat(report.verdict()).isEqualTo(Receipt.Verdict.REJECTED);
            }
        } finally {
            Files.copy(saved, photo, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void sharesOfAnotherBundleAreRefused() throws IOException {
        BundleWriter.Written other = machine.writeBundle(work.resolve("other-bundle"), List.of());
        List<Path> mixed = List.of(bundle.files().shareText(1), other.files().shareText(2));
        assertThatThrownBy(() -> receive(fingerprint(), mixed, Map.of(), true))
                .hasMessageContaining("belongs to another bundle (" + other.manifest().bundleId() + ")");
        assertThatThrownBy(() -> receive(fingerprint(), shares(2), Map.of(), true))
                .hasMessageContaining("1 share(s) given, but 2 of the 3 are needed");
    }

    @ParameterizedTest
    @EnumSource(value = Tamper.class, names = {"ROM", "KEYRING", "CONFIG"})
    void firmwareTamperedAfterShippingIsRejectedWithTheReason(Tamper tamper) throws IOException {
        Path rom = machine.lab().rom();
        Path saved = work.resolve("rom-before-" + tamper.label());
        Files.copy(rom, saved, StandardCopyOption.REPLACE_EXISTING);
        try {
            tamper.apply(machine.lab());
            LabPower.powerOn(machine.lab());
            try (Receipt.Report report = receive(fingerprint(), shares(2, 3), Map.of(), true)) {
                assertThat(report.verdict()).isEqualTo(Receipt.Verdict.REJECTED);
                assertThat(check(report, "firmware").status()).isEqualTo(Check.Status.FAILED);
                assertThat(check(report, "firmware").detail()).contains("the firmware image differs from the shipped one")
                        .contains(tamper == Tamper.ROM ? "PCR 2" : "PCR 7");
                assertThat(check(report, "pcrs").detail()).contains(tamper == Tamper.ROM ? "PCR 2" : "PCR 7");
                assertThat(check(report, "totp").status()).isEqualTo(Check.Status.FAILED);
                assertThat(check(report, "totp").detail()).contains("refuses to unseal");
                assertThat(check(report, "identity").status()).isEqualTo(Check.Status.PASSED);
            }
        } finally {
            Files.copy(saved, rom, StandardCopyOption.REPLACE_EXISTING);
            LabPower.powerOn(machine.lab());
        }
    }

    @Test
    void aChangedKernelInBootIsRejected() throws IOException {
        Path kernel;
        try (var files = Files.list(machine.lab().bootDirectory())) {
            kernel = files.filter(f -> f.getFileName().toString().startsWith("vmlinuz")).findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(kernel);
        try {
            Tamper.KERNEL.apply(machine.lab());
            try (Receipt.Report report = receive(fingerprint(), shares(1, 3), Map.of(), true)) {
                assertThat(check(report, "boot").status()).isEqualTo(Check.Status.FAILED);
                assertThat(check(report, "boot").detail()).contains(kernel.getFileName().toString());
                assertThat(report.verdict()).isEqualTo(Receipt.Verdict.REJECTED);
            }
        } finally {
            Files.write(kernel, original);
        }
    }

    @Test
    void gpgvVerifiesTheManifestSignature() throws IOException, InterruptedException {
        Path home = Files.createDirectory(work.resolve("gnupg"));
        run("gpg", "--homedir", home.toString(), "--batch", "--import", bundle.files().provisionerKey().toString());
        run("gpgv", "--keyring", home.resolve("pubring.kbx").toString(), bundle.files().signature().toString(),
                bundle.files().manifest().toString());
    }

    @Test
    void sharesArePrivateAndTheirQrCodesHoldTheShareText() throws IOException, InterruptedException {
        for (int x = 1; x <= 3; x++) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(bundle.files().shareText(x)))).isEqualTo("rw-------");
            String text = Files.readString(bundle.files().shareText(x)).lines().filter(l -> !l.startsWith("#")).findFirst()
                    .orElseThrow();
            assertThat(run("zbarimg", "--raw", "-q", bundle.files().shareQr(x).toString())).isEqualTo(text);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }
}
