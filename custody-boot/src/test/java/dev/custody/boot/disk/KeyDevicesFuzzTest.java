package dev.custody.boot.disk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The disk-key files in /boot: kexec_key_devices.txt, the LUKS header hashes and crypttab overrides. */
class KeyDevicesFuzzTest {
    private static Path boot;

    @BeforeAll
    static void createBoot() throws IOException {
        boot = Files.createTempDirectory("custody-fuzz-boot");
    }

    @AfterAll
    static void removeBoot() throws IOException {
        for (String name : new String[] {DiskKeyFiles.KEY_DEVICES, DiskKeyFiles.LUKS_HEADER_HASH, DiskKeyFiles.CRYPTTAB_OVERRIDES}) {
            Files.deleteIfExists(boot.resolve(name));
        }
        Files.delete(boot);
    }

    @FuzzTest
    void keyDevices(byte[] data) throws IOException {
        Files.write(boot.resolve(DiskKeyFiles.KEY_DEVICES), data);
        Files.write(boot.resolve(DiskKeyFiles.LUKS_HEADER_HASH), data);
        Files.write(boot.resolve(DiskKeyFiles.CRYPTTAB_OVERRIDES), data);
        try {
            DiskKeyFiles.readKeyDevices(boot, Path::of);
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, DiskKeyFiles.KEY_DEVICES);
        }
        try {
            DiskKeyFiles.readHeaderHashes(boot);
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, DiskKeyFiles.LUKS_HEADER_HASH);
        }
        try {
            DiskKeyFiles.readCrypttabOverrides(boot);
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, DiskKeyFiles.CRYPTTAB_OVERRIDES);
        }
    }
}
