package dev.custody.cli.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CliRun;
import dev.custody.common.Secret;
import dev.custody.machine.LabMachine;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.server.agent.Enrolment;
import dev.custody.server.agent.ServerClient;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Quote;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow through the custody command, against a server started with
 * {@code server start --daemon}, with swtpm-backed lab machines as agents: on H2, and on a real
 * throw-away PostgreSQL.
 */
class FleetFlowCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theFlowOnTheEmbeddedH2AndThePageInChromium() throws Exception {
        flow(Optional.empty(), FleetFlowCliTest::checkPage);
    }

    @Test
    void theFlowOnPostgresql() throws Exception {
        try (ThrowawayPostgres postgres = ThrowawayPostgres.start()) {
            flow(Optional.of(postgres.jdbcUrl()), (url, token) -> { });
        }
    }

    @FunctionalInterface
    private interface PageCheck {
        void check(String url, String token) throws Exception;
    }

    private void flow(Optional<String> database, PageCheck page) throws Exception {
        Path serverDirectory = work.resolve("server");
        CliRun init = ok(CliRun.of("server", "init", serverDirectory.toString()));
        Matcher printed = Pattern.compile("fingerprint: ([0-9a-f]{64})").matcher(init.out());
        assertThat(printed.find()).as(init.out()).isTrue();
        String fingerprint = printed.group(1);
        assertThat(Files.getPosixFilePermissions(serverDirectory.resolve("admin-token")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String token = Files.readString(serverDirectory.resolve("admin-token")).strip();
        String url = "https://127.0.0.1:" + freePort();
        List<String> start = new ArrayList<>(List.of("server", "start", serverDirectory.toString(), "--port",
                url.substring(url.lastIndexOf(':') + 1), "--daemon"));
        database.ifPresent(db -> start.addAll(List.of("--db", db)));
        List<Path> labs = new ArrayList<>();
        try {
            ok(CliRun.of(start.toArray(String[]::new)));
            String[] admin = {"--server", url, "--fingerprint", fingerprint, "--token", token};

            // 1. Enrol 3 lab machines; 2. their references from their hand-off manifests.
            for (String name : List.of("alpha", "beta", "gamma")) {
                Path lab = work.resolve(name);
                labs.add(lab);
                Path bundle = prepareAndHandOff(lab);
                ok(CliRun.of(concat(List.of("attest", "enroll"), admin, "--machine", lab.toString(), "--name", name)));
                CliRun reference = ok(CliRun.of(concat(List.of("attest", "reference"), admin, "--name", name,
                        "--from-handoff", bundle.toString())));
                assertThat(reference.out()).contains("hand-off bundle").contains("PCRs: [0, 1, 2, 3, 4, 7]");
            }
            assertThat(CliRun.of(concat(List.of("attest", "enroll"), admin, "--machine", labs.get(0).toString(),
                    "--name", "alpha")).err()).contains("already enrolled");

            // 3. Push: all trusted.
            for (Path lab : labs) {
                CliRun push = CliRun.of("attest", "push", "--machine", lab.toString(), "--json");
                assertThat(push.exitCode()).as(push.out() + push.err()).isZero();
                assertThat(json(push.out()).path("state").asText()).isEqualTo("trusted");
            }
            assertThat(states(admin)).containsExactly("alpha=trusted", "beta=trusted", "gamma=trusted");

            // 4. Tamper one ROM, power it on and push: changed, naming PCR 2 and the CBFS file.
            ok(CliRun.of("lab", "tamper", "--what", "rom", labs.get(1).toString()));
            powerOn(labs.get(1));
            CliRun changed = CliRun.of("attest", "push", "--machine", labs.get(1).toString(), "--json");
            assertThat(changed.exitCode()).isEqualTo(3);
            assertThat(json(changed.out()).path("state").asText()).isEqualTo("changed");
            assertThat(changed.out()).contains("PCR 2: CBFS file fallback/romstage changed");

            // 5. Replay an old quote, and alter a fresh one: both refused.
            replayAndAlter(labs.get(0));

            // 6. Push from an unenrolled TPM: refused.
            Path stranger = work.resolve("stranger");
            ok(CliRun.of("lab", "create", stranger.toString()));
            labs.add(stranger);
            powerOn(stranger);
            CliRun refused = CliRun.of("attest", "push", "--server", url, "--fingerprint", fingerprint, "--machine",
                    stranger.toString(), "--json");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(json(refused.out()).path("state").asText()).isEqualTo("refused");
            assertThat(refused.out()).contains("not enrolled");

            // 7. A machine goes silent: enrolled with a 1-second interval, it reports once, then stops.
            ok(CliRun.of(concat(List.of("attest", "enroll"), admin, "--machine", stranger.toString(), "--name", "delta",
                    "--interval", "1")));
            assertThat(CliRun.of("attest", "push", "--machine", stranger.toString()).out()).contains("UNKNOWN");
            Thread.sleep(2_500);
            assertThat(states(admin)).containsExactly("alpha=trusted", "beta=changed", "delta=silent", "gamma=trusted");
            page.check(url, token);
        } finally {
            CliRun.of("server", "stop", serverDirectory.toString());
            labs.forEach(lab -> CliRun.of("lab", "stop", lab.toString()));
        }
        assertThat(serverDirectory.resolve("server.pid")).doesNotExist();
    }

    /** The page asks for the token, signs in once with ?token=, then shows the fleet and a machine's explanation. */
    private static void checkPage(String url, String token) throws Exception {
        try (FleetPageBrowser browser = new FleetPageBrowser()) {
            var driver = browser.driver();
            driver.get(url + "/");
            assertThat(driver.findElements(org.openqa.selenium.By.id("token"))).hasSize(1);
            assertThat(driver.getPageSource()).doesNotContain("alpha");
            driver.get(url + "/?token=" + token);
            assertThat(driver.getCurrentUrl()).isEqualTo(url + "/");
            assertThat(browser.fleet()).containsExactly("alpha=trusted", "beta=changed", "delta=silent", "gamma=trusted");
            driver.get(url + "/");
            assertThat(browser.fleet()).as("the session cookie keeps the browser signed in").hasSize(4);
            driver.findElement(org.openqa.selenium.By.linkText("beta")).click();
            assertThat(driver.findElement(org.openqa.selenium.By.id("state")).getText()).isEqualTo("changed");
            assertThat(driver.findElement(org.openqa.selenium.By.id("history")).getText())
                    .contains("PCR 2: CBFS file fallback/romstage changed").contains("trusted");
        }
    }

    /** What the custody command cannot be made to do: send a quote twice, or send a tampered one. */
    private static void replayAndAlter(Path lab) {
        LabMachine machine = LabMachine.existing(lab);
        Enrolment enrolment = Enrolment.load(machine).orElseThrow();
        ServerClient client = new ServerClient(enrolment.server(), enrolment.fingerprint(), Optional.empty());
        String ak = Base64.getEncoder().encodeToString(enrolment.attestationKey().publicArea());
        String log = Base64.getEncoder().encodeToString(machine.measurementLog().orElseThrow());
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            Map<String, Object> sent = quoted(client, tpm, enrolment, ak, log);
            assertThat(client.post("/api/v1/attestations", sent).path("state").asText()).isEqualTo("trusted");
            assertThatThrownBy(() -> client.post("/api/v1/attestations", sent))
                    .hasMessageContaining("replayed quote");

            Map<String, Object> fresh = quoted(client, tpm, enrolment, ak, log);
            @SuppressWarnings("unchecked")
            Map<String, String> quote = (Map<String, String>) fresh.get("quote");
            byte[] attest = Base64.getDecoder().decode(quote.get("attest"));
            attest[attest.length - 1] ^= 1;
            Map<String, Object> altered = Map.of("akPublic", ak, "log", log, "quote",
                    Map.of("attest", Base64.getEncoder().encodeToString(attest), "signature", quote.get("signature")));
            assertThatThrownBy(() -> client.post("/api/v1/attestations", altered))
                    .hasMessageContaining("signature does not verify");
        }
    }

    private static Map<String, Object> quoted(ServerClient client, Tpm tpm, Enrolment enrolment, String ak, String log) {
        JsonNode challenge = client.post("/api/v1/nonces", Map.of("akPublic", ak));
        List<Integer> pcrs = new ArrayList<>();
        challenge.path("pcrs").forEach(p -> pcrs.add(p.asInt()));
        Quote quote = tpm.quote(enrolment.attestationKey(), HexFormat.of().parseHex(challenge.path("nonce").asText()),
                PcrBank.SHA256, pcrs);
        return Map.of("akPublic", ak, "log", log, "quote", Map.of("attest",
                Base64.getEncoder().encodeToString(quote.attest()), "signature",
                Base64.getEncoder().encodeToString(quote.signature())));
    }

    /** A lab machine prepared as a provisioner prepares one (key, signed /boot), powered on, and its hand-off bundle. */
    private Path prepareAndHandOff(Path lab) throws IOException {
        ok(CliRun.of("lab", "create", lab.toString()));
        OwnershipFiles files = OwnershipFiles.of(LabMachine.existing(lab));
        Path passphrase = Files.writeString(work.resolve("passphrase"), "shop passphrase");
        ok(CliRun.of("key", "generate", "--uid", "Shop <shop@example.org>", "--algorithm", "ED25519",
                "--out", files.ownerSecretKey().toString(), "--public", files.ownerPublicKey().toString(),
                "--passphrase-file", passphrase.toString()));
        ok(CliRun.of("boot", "sign", "--boot", lab.resolve("boot").toString(), "--key", files.ownerSecretKey().toString(),
                "--passphrase-file", passphrase.toString()));
        powerOn(lab);
        try (OwnerSecrets secrets = new OwnerSecrets()) {
            secrets.with(OwnerSecrets.KEY_PASSPHRASE, Secret.copyOf("shop passphrase".getBytes(StandardCharsets.UTF_8)))
                    .writePrivate(files.secrets());
        }
        Path bundle = work.resolve(lab.getFileName() + "-bundle");
        ok(CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "2", "--threshold", "2",
                "--out", bundle.toString()));
        return bundle;
    }

    /** Power-on also runs the lab's boot flow, which reports /boot as unverified here (exit 4); the measurements are what count. */
    private static void powerOn(Path lab) {
        assertThat(CliRun.of("lab", "power-on", lab.toString()).out()).contains("PCR 2");
    }

    private static List<String> states(String[] admin) throws IOException {
        CliRun status = ok(CliRun.of(concat(List.of("server", "status"), admin, "--json")));
        List<String> states = new ArrayList<>();
        json(status.out()).path("machines").forEach(m -> states.add(m.path("name").asText() + "=" + m.path("state").asText()));
        return states;
    }

    private static String[] concat(List<String> command, String[] admin, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(admin));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
