package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.VirtualTpm;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "vtpm", mixinStandardHelpOptions = true,
        description = {"Run a virtual TPM (swtpm) in the background.",
            "Its state lives in DIR.",
            "Commands given --tpm vtpm:DIR use it while it runs; otherwise they start one just for themselves.",
            "Its NV state (sealed objects, counters) persists in DIR like a real TPM's."},
        subcommands = {VtpmCommand.Start.class, VtpmCommand.Stop.class, VtpmCommand.Status.class})
public final class VtpmCommand {

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the virtual TPM for DIR.")
    static final class Start implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "The virtual TPM's state folder (created if missing).") Path directory;

        @Mixin JsonOutput output;

        @Override
        public Integer call() {
            VirtualTpm.Status status = VirtualTpm.startDaemon(directory);
            output.print(status.toJson(), status.text());
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the virtual TPM for DIR.")
    static final class Stop extends OfFolder {
        @Override
        public Integer call() {
            boolean stopped = VirtualTpm.stopDaemon(directory);
            json.print(JsonOutput.object("directory", directory.toString(), "stopped", stopped),
                    stopped ? "Stopped the virtual TPM for " + directory + "."
                    : "No virtual TPM was running for " + directory + ".");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the virtual TPM for DIR runs (exit 0) or not (exit 3).")
    static final class Status extends OfFolder {
        static final int NOT_RUNNING = 3;

        @Override
        public Integer call() {
            Optional<VirtualTpm.Status> status = VirtualTpm.status(directory);
            json.print(VirtualTpm.Status.toJson(directory, status), VirtualTpm.Status.text(status));
            return status.isPresent() ? 0 : NOT_RUNNING;
        }
    }

    /** A subcommand about the virtual TPM of one folder. */
    abstract static class OfFolder implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path directory;

        @Mixin JsonOutput json;
    }
}
