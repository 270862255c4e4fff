package dev.custody.cli.own;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CliRun;
import dev.custody.cli.LabTools;
import dev.custody.common.Secret;
import dev.custody.machine.LabMachine;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.ownership.reset.OwnershipReset;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code own reset} killed dead (as kill -9 or a power cut would) after each of its steps, as a
 * real process: the machine is left as it was or resumable, the new secrets are on disk, and
 * {@code --resume} finishes to a machine whose /boot verifies, whose TPM releases the shown TOTP
 * secret and whose disk opens with the new recovery passphrase.
 */
class OwnResetInterruptedCliTest {
    private static final String ANSWERS = "{\"tpmOwnerPassphrase\": \"owner pass 1\", \"keyType\": \"ed25519\","
            + " \"keyPassphrase\": \"key passphrase\", \"diskUnlockKey\": true, \"diskUnlockPassphrase\": \"disk unlock 1\","
            + " \"newDiskRecoveryPassphrase\": \"new recovery 1\", \"saveSecrets\": true}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static Path prepared;
    private static Path answers;

    /** One lab, powered on once and stopped; each step's run gets a copy. */
    @BeforeAll
    static void prepareLab() throws IOException {
        work = Files.createTempDirectory("custody-reset-kill-");
        prepared = work.resolve("prepared");
        try {
            assertThat(CliRun.of("lab", "create", prepared.toString()).exitCode()).isZero();
            CliRun.of("lab", "power-on", prepared.toString());
        } finally {
            CliRun.of("lab", "stop", prepared.toString());
        }
        answers = Files.writeString(work.resolve("answers.json"), ANSWERS);
    }

    @AfterAll
    static void removeLabs() throws IOException {
        try (var paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "killed after step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void aResetKilledAfterAnyStepKeepsItsSecretsAndResumes(int step) throws Exception {
        Path lab = copy(prepared, work.resolve("lab-" + step));
        try {
            assertThat(killedAfter(step, lab)).as("exit code of the killed reset").isEqualTo(OwnershipReset.CRASH_EXIT_CODE);
            OwnershipFiles files = OwnershipFiles.of(new LabMachine(lab));
            Path journal = files.directory().resolve("reset-journal.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rw-------");
            String totp = JSON.readTree(journal.toFile()).path("secrets").path("totpSecret").asText();
            assertThat(totp).matches("[A-Z2-7]{32}");
            assertThat(JSON.readTree(files.secrets().toFile()).path("totpSecret").asText())
                    .as("saved before the first change").isEqualTo(totp);
            if (step == 0) {
                assertUntouched(lab);
            }

            CliRun fresh = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString());
            assertThat(fresh.exitCode()).isEqualTo(1);
            assertThat(fresh.err()).contains("stopped half-way").contains("--resume").contains("nothing was changed");

            CliRun resumed = CliRun.of("own", "reset", "--machine", lab.toString(), "--resume", "--json");
            assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
            JsonNode outcome = JSON.readTree(resumed.out());
            assertThat(outcome.path("secrets").path("totpSecret").asText()).as("the secret saved at the start").isEqualTo(totp);
            assertThat(outcome.path("totpAfterPowerOn").asBoolean()).isTrue();
            assertThat(journal).doesNotExist();

            CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString());
            assertThat(poweredOn.exitCode()).as(poweredOn.out() + poweredOn.err()).isZero();
            assertThat(poweredOn.out()).contains(": verified");
            assertThat(LabTools.totpCode(lab)).isEqualTo(LabTools.run(work, "oathtool", "--totp", "-b", totp));
            LabTools.run(work, "sh", "-c", "printf %s 'new recovery 1' | cryptsetup open --test-passphrase --key-file - "
                    + lab.resolve("disk.img"));
        } finally {
            CliRun.of("lab", "stop", lab.toString());
        }
    }

    /** Runs the reset as its own process, stopped dead after {@code step}; its swtpm goes with it, as in a power cut. */
    private static int killedAfter(int step, Path lab) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.custody.cli.Main", "own", "reset",
                "--machine", lab.toString(), "--answers", answers.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("killed-" + step + ".log").toFile());
        builder.environment().put("CUSTODY_TEST_CRASH_AFTER_STEP", String.valueOf(step));
        Process reset = builder.start();
        assertThat(reset.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String tpmState = "dir=" + lab.resolve("tpm");
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(tpmState)).orElse(false))
                .forEach(orphan -> {
                    orphan.destroyForcibly();
                    orphan.onExit().join();
                });
        return reset.exitValue();
    }

    private static void assertUntouched(Path lab) throws IOException {
        assertThat(lab.resolve("rom.bin")).hasSameBinaryContentAs(prepared.resolve("rom.bin"));
        assertThat(lab.resolve("boot/kexec.sig")).doesNotExist();
        assertThat(OwnershipFiles.of(new LabMachine(lab)).ownerSecretKey()).doesNotExist();
        try (Tpm tpm = Tpms.open(new LabMachine(lab).tpm())) {
            assertThat(tpm.authorizes(Hierarchy.OWNER, Secret.empty())).as("owner passphrase still unset").isTrue();
        }
        String recovery = Files.readString(lab.resolve("disk-recovery-passphrase"), StandardCharsets.UTF_8);
        assertThat(recovery).isEqualTo(Files.readString(prepared.resolve("disk-recovery-passphrase")));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
