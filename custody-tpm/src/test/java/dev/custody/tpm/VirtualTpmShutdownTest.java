package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A virtual TPM that Custody started for one command must not outlive it, even when killed. */
class VirtualTpmShutdownTest {
    @TempDir
    Path work;

    /** Opens a virtual TPM, says so, and waits to be killed. */
    public static final class HoldsAVirtualTpm {
        public static void main(String[] args) throws InterruptedException {
            Tpm tpm = Tpms.open(TpmSpec.parse("vtpm:" + args[0]));
            System.out.println("open " + tpm.describe());
            Thread.sleep(60_000);
        }
    }

    @Test
    void swtpmStopsWhenTheJvmIsTerminated() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldsAVirtualTpm.class.getName(), work.resolve("tpm").toString()).start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
            assertThat(line).startsWith("open swtpm 127.0.0.1:");
            List<ProcessHandle> swtpm = holder.descendants().filter(p -> p.info().command()
                    .map(c -> c.endsWith("swtpm")).orElse(false)).toList();
            assertThat(swtpm).hasSize(1);

            holder.destroy(); // SIGTERM runs the same shutdown hooks as Ctrl-C's SIGINT
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(swtpm.get(0).onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            holder.destroyForcibly();
        }
    }
}
