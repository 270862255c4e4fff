package dev.custody.cli.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.disk.LuksHeaders;
import dev.custody.cli.CliRun;
import dev.custody.common.Secret;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabCreator;
import dev.custody.machine.lab.LabPower;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API the OEM reset calls: sealing to predicted PCRs, before the reboot that makes them real. */
class DiskUnlockSetupTest {
    @TempDir
    Path work;

    private LabMachine lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            LabPower.stop(lab);
        }
    }

    @Test
    void predictedPcrsAreSealedToAndPcr6IsPredictedFromTheHeaders() throws Exception {
        lab = LabCreator.create(work.resolve("lab"));
        LabPower.powerOn(lab);
        byte[] predicted7 = PcrBank.SHA256.hash("PCR 7 after the reflash".getBytes(StandardCharsets.US_ASCII));
        try (Tpm tpm = Tpms.open(lab.tpm());
             Secret recovery = Secret.readFile(lab.recoveryPassphrase());
             Secret unlock = Secret.copyOf("unlock passphrase".getBytes(StandardCharsets.US_ASCII));
             Secret owner = Secret.empty()) {
            byte[] pcr4Before = tpm.readPcrs(PcrBank.SHA256, java.util.List.of(4)).get(4);
            tpm.extend(4, Map.of(PcrBank.SHA256, PcrBank.SHA256.hash("generic".getBytes(StandardCharsets.US_ASCII))));

            DiskUnlock.Setup setup = DiskUnlock.setUp(lab, tpm, recovery, unlock, owner, Optional.of(Map.of(7, predicted7)));

            assertThat(setup.seal().values().get(7)).isEqualTo(predicted7);
            assertThat(setup.seal().values().get(6)).isEqualTo(PcrBank.SHA256.extend(new byte[32], setup.headers().digest()));
            assertThat(setup.seal().values().get(4)).as("PCR 4 as the firmware left it, before any boot-mode extend")
                    .isEqualTo(pcr4Before);
            assertThat(setup.headers()).isEqualTo(LuksHeaders.measure(setup.devices()));
            assertThat(setup.changedBootFiles()).containsExactly("kexec_key_devices.txt", "kexec_lukshdr_hash.txt");

            assertThatThrownBy(() -> DiskUnlock.setUp(lab, tpm, recovery, unlock, owner, Optional.of(Map.of(6, predicted7))))
                    .hasMessageContaining("PCR 6");
            try (Secret shortPassphrase = Secret.copyOf("short".getBytes(StandardCharsets.US_ASCII))) {
                assertThatThrownBy(() -> DiskUnlock.setUp(lab, tpm, recovery, shortPassphrase, owner, Optional.empty()))
                        .hasMessageContaining("at least 8");
            }
        }
        Path unlockFile = Files.writeString(work.resolve("unlock"), "unlock passphrase");
        LabPower.powerOn(lab);
        CliRun refused = CliRun.of("disk-key", "unseal", "--machine", lab.directory().toString(), "--passphrase-file",
                unlockFile.toString());
        assertThat(refused.exitCode()).isEqualTo(DiskKeyUnsealCommand.REFUSED);
        assertThat(refused.err()).contains("changed since sealing: PCR 7");
    }
}
