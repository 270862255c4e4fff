package dev.custody.cli.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.tpm.testing.Swtpm;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custody tpm seal} killed with SIGKILL in the middle of its TPM work, again and again:
 * each kill leaves sessions or objects in swtpm, and later commands must still work.
 *
 * <p>The kills land at exact points: custody talks to swtpm through a relay that counts the TPM
 * commands passing, holds back every command after the chosen one, and the test then kills the
 * process. Holding back matters: without it a fast run could clean up before the kill lands, and
 * what the TPM holds afterwards would depend on the machine's speed.
 */
class KilledRunsCliTest {
    private static final int KILLS = 8;
    private static final int FIRST_KILL_AFTER_COMMAND = 6;

    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    Path work;

    @Test
    void sealKilledMidOperationRepeatedlyThenSealAndUnsealStillWork() throws Exception {
        Path secret = Files.writeString(work.resolve("secret"), "survives the kills");
        assertThat(seal(swtpm.spec(), secret).exitCode()).as("a first seal creates the storage key").isZero();

        int mostLeftovers = 0;
        StringBuilder stderr = new StringBuilder();
        for (int kill = 0; kill < KILLS; kill++) {
            try (Relay relay = new Relay(swtpm.port(), FIRST_KILL_AFTER_COMMAND + kill)) {
                Process custody = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), "dev.custody.cli.Main", "tpm", "seal",
                        "--tpm", "swtpm:127.0.0.1:" + relay.port(), "--pcrs", "0", "--in", secret.toString(),
                        "--handle", "0x81000c00", "--replace", "--state-dir", work.toString())
                        .redirectErrorStream(true).redirectOutput(work.resolve("killed.log").toFile()).start();
                boolean reached = relay.awaitCommand(120);
                custody.destroyForcibly();
                custody.waitFor();
                assertThat(reached).as("custody reached TPM command %d", relay.killAfter).isTrue();
            }
            mostLeftovers = Math.max(mostLeftovers, leftovers());
            stderr.append(Files.readString(work.resolve("killed.log")));
        }
        assertThat(mostLeftovers).as("the kills left transient objects or sessions in the TPM").isPositive();

        CliRun sealed = seal(swtpm.spec(), secret);
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        stderr.append(sealed.err());
        assertThat(stderr.toString()).as("some run found the TPM full of leftovers and said so in one line")
                .containsPattern("custody: warning: TPM2_\\w+ found the TPM full \\(TPM_RC_\\w+_MEMORY\\); flushed \\d+ ");
        CliRun unsealed = CliRun.of("tpm", "unseal", "--tpm", swtpm.spec(), "--handle", "0x81000c00", "--out", "-",
                "--state-dir", work.toString());
        assertThat(unsealed.exitCode()).as(unsealed.err()).isZero();
        assertThat(unsealed.out()).isEqualTo("survives the kills");
    }

    private CliRun seal(String tpm, Path secret) {
        return CliRun.of("tpm", "seal", "--tpm", tpm, "--pcrs", "0", "--in", secret.toString(),
                "--handle", "0x81000c00", "--replace", "--state-dir", work.toString());
    }

    private static int leftovers() {
        String listed = swtpm.tpm2("tpm2_getcap", "handles-transient")
                + swtpm.tpm2("tpm2_getcap", "handles-loaded-session");
        return (int) listed.lines().filter(line -> line.contains("0x")).count();
    }

    /**
     * Forwards one client's TPM commands to swtpm until command {@code killAfter} went through, then
     * signals and swallows the rest, so the client stalls exactly there.
     */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final int swtpmPort;
        private final int killAfter;
        private final AtomicInteger commands = new AtomicInteger();
        private final CountDownLatch reached = new CountDownLatch(1);
        private final Thread acceptor;

        Relay(int swtpmPort, int killAfter) throws IOException {
            this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            this.swtpmPort = swtpmPort;
            this.killAfter = killAfter;
            this.acceptor = Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        boolean awaitCommand(int seconds) throws InterruptedException {
            return reached.await(seconds, TimeUnit.SECONDS);
        }

        private void serve() {
            try (Socket client = server.accept();
                 Socket tpm = new Socket(InetAddress.getLoopbackAddress(), swtpmPort)) {
                InputStream fromTpm = tpm.getInputStream();
                Thread responses = Thread.ofVirtual().start(() -> pipe(fromTpm, client));
                forwardCommands(new DataInputStream(client.getInputStream()), tpm.getOutputStream());
                responses.join();
            } catch (IOException | InterruptedException closed) {
                // The client was killed or the relay closed: the point of this test.
            }
        }

        private void forwardCommands(DataInputStream in, OutputStream out) throws IOException {
            while (true) {
                byte[] header = new byte[6];
                in.readFully(header);
                int size = ((header[2] & 0xff) << 24) | ((header[3] & 0xff) << 16) | ((header[4] & 0xff) << 8)
                        | (header[5] & 0xff);
                byte[] command = new byte[size];
                System.arraycopy(header, 0, command, 0, header.length);
                in.readFully(command, header.length, size - header.length);
                int sequence = commands.incrementAndGet();
                if (sequence > killAfter) {
                    continue;
                }
                out.write(command);
                out.flush();
                if (sequence == killAfter) {
                    reached.countDown();
                }
            }
        }

        private static void pipe(InputStream from, Socket to) {
            try {
                from.transferTo(to.getOutputStream());
            } catch (IOException closed) {
                // Either side went away.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            acceptor.interrupt();
        }
    }
}
