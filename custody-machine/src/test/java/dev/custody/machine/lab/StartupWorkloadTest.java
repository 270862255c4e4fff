package dev.custody.machine.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the start-up training runs for a cache group, and which runs it counts as failed. */
class StartupWorkloadTest {
    private final List<String> ran = new ArrayList<>();

    private StartupWorkload workload(int exit) {
        return new StartupWorkload(Path.of("/scratch"), command -> {
            ran.add(String.join(" ", command));
            return exit;
        }, new ArrayList<>());
    }

    @Test
    void aGroupRunsItsCommandsTwiceSoTheSecondPassProfilesWarmPaths() {
        StartupWorkload workload = workload(0);

        workload.bootTime("otp");

        assertThat(ran).containsExactly("totp --machine /scratch/lab", "hotp --machine /scratch/lab --no-key",
                "totp --machine /scratch/lab", "hotp --machine /scratch/lab --no-key");
        assertThat(workload.failed()).isEmpty();
    }

    @Test
    void aCommandThatFailsIsCountedSoThatNoPartialCacheIsKept() {
        StartupWorkload workload = workload(1);

        workload.stop();

        assertThat(workload.failed()).containsExactly("lab stop /scratch/lab");
    }

    @Test
    void theUnlockGroupExpectsTheDiskToBeRefused() {
        StartupWorkload refused = workload(1);
        refused.bootTime("unlock");
        assertThat(refused.failed()).isEmpty();

        StartupWorkload unlocked = workload(0);
        unlocked.bootTime("unlock");
        assertThat(unlocked.failed()).hasSize(2).allMatch(line -> line.endsWith("(expected exit 1)"));
    }
}
