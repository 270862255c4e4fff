package dev.custody.boot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.PcrBank;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header measurement, key devices and keyslot 31 on real LUKS2 images made by cryptsetup. */
class LuksHeadersTest {
    private static final byte[] RECOVERY = "recovery passphrase".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path work;

    private Path diskA;
    private Path diskB;

    @BeforeEach
    void createDisks() throws Exception {
        diskA = luks("a.img");
        diskB = luks("b.img");
    }

    private Path luks(String name) throws Exception {
        Path disk = work.resolve(name);
        Path passphrase = Files.write(work.resolve("recovery"), RECOVERY);
        run("truncate", "-s", "20M", disk.toString());
        run("cryptsetup", "luksFormat", "--batch-mode", "--type", "luks2", "--pbkdf", "pbkdf2", "--pbkdf-force-iterations",
                "1000", "--key-file", passphrase.toString(), disk.toString());
        return disk;
    }

    @Test
    void theMeasurementIsSha256sumOfTheHeaderBackupsUnderHeadsNamesInGlobOrder() throws Exception {
        List<KeyDevice> devices = List.of(device("/dev/sdb1", diskB), device("/dev/sda2", diskA));
        LuksHeaders.Measurement measurement = LuksHeaders.measure(devices);
        assertThat(measurement.text()).isEqualTo(headerHash(diskA) + "  /tmp/lukshdr-_dev_sda2\n"
                + headerHash(diskB) + "  /tmp/lukshdr-_dev_sdb1\n");
        // What tpmr.sh extend -if /tmp/luksDump.txt puts into PCR 6.
        assertThat(measurement.digest()).isEqualTo(PcrBank.SHA256.hash(measurement.text().getBytes(StandardCharsets.UTF_8)));
        assertThat(measurement.firstDifference(LuksHeaders.measure(devices), devices)).isEmpty();

        run("cryptsetup", "config", "--label", "changed", diskB.toString());
        assertThat(LuksHeaders.measure(devices).firstDifference(measurement, devices)).contains("/dev/sdb1");
    }

    @Test
    void keyslot31TakesTheKeyAndTheRecoveryPassphraseKeepsWorking() throws Exception {
        byte[] duk = new byte[128];
        new java.security.SecureRandom().nextBytes(duk);
        try (Secret recovery = Secret.copyOf(RECOVERY); Secret key = Secret.copyOf(duk)) {
            assertThat(Cryptsetup.testKey(diskA, key)).isFalse();
            Cryptsetup.addKey(diskA, Cryptsetup.DUK_SLOT, recovery, key);
            assertThat(Cryptsetup.keyslots(diskA)).containsExactly(0, 31);
            assertThat(Cryptsetup.testKey(diskA, key)).isTrue();
            assertThat(Cryptsetup.testKey(diskA, recovery)).isTrue();
            assertThat(Cryptsetup.opensSlot(diskA, key, 31)).isTrue();
            assertThat(Cryptsetup.opensSlot(diskA, recovery, 31)).isFalse();
            Cryptsetup.killSlot(diskA, Cryptsetup.DUK_SLOT, recovery);
            assertThat(Cryptsetup.keyslots(diskA)).containsExactly(0);
            assertThat(Cryptsetup.testKey(diskA, key)).isFalse();
        }
        assertThat(Cryptsetup.version(diskA)).isEqualTo(2);
        try (Secret wrong = Secret.copyOf("wrong".getBytes(StandardCharsets.US_ASCII)); Secret key = Secret.copyOf(duk)) {
            assertThatThrownBy(() -> Cryptsetup.addKey(diskA, Cryptsetup.DUK_SLOT, wrong, key))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("keyslot 31");
        }
    }

    @Test
    void keyDevicesRoundTripInHeadsFormat() throws Exception {
        Path boot = Files.createDirectories(work.resolve("boot"));
        List<KeyDevice> devices = List.of(device("/dev/sda2", diskA), device("/dev/sdb1", diskB));
        DiskKeyFiles.writeKeyDevices(boot, devices);
        assertThat(boot.resolve(DiskKeyFiles.KEY_DEVICES)).content().isEqualTo(
                "/dev/sda2 " + run("cryptsetup", "luksUUID", diskA.toString()) + "\n/dev/sdb1 "
                        + run("cryptsetup", "luksUUID", diskB.toString()) + "\n");
        assertThat(DiskKeyFiles.readKeyDevices(boot, name -> name.equals("/dev/sda2") ? diskA : diskB)).isEqualTo(devices);
        assertThat(DiskKeyFiles.readHeaderHashes(boot)).isEqualTo(Optional.empty());

        Files.writeString(boot.resolve(DiskKeyFiles.KEY_DEVICES), "/dev/sda2\n");
        assertThatThrownBy(() -> DiskKeyFiles.readKeyDevices(boot, Path::of)).hasMessageContaining("<device> <luksUUID>");
    }

    private KeyDevice device(String name, Path image) {
        return new KeyDevice(name, image, Cryptsetup.uuid(image));
    }

    private String headerHash(Path disk) throws Exception {
        Path backup = work.resolve("backup-" + System.nanoTime());
        run("cryptsetup", "luksHeaderBackup", disk.toString(), "--header-backup-file", backup.toString());
        return HexFormat.of().formatHex(PcrBank.SHA256.hash(Files.readAllBytes(backup)));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}
