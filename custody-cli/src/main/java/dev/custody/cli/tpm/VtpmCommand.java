package dev.custody.cli.tpm;

import dev.custody.cli.Json;
import dev.custody.cli.JsonOutput;
import dev.custody.tpm.VirtualTpm;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
final class VtpmCommand {

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the virtual TPM for DIR.")
    static final class Start implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "The virtual TPM's state folder (created if missing).")
        Path directory;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            VirtualTpm.Status status = VirtualTpm.startDaemon(directory);
            output.print(JsonOutput.object("directory", directory.toString(), "pid", status.pid(), "port", status.port(),
                    "controlPort", status.port() + 1), String.format("Virtual TPM for %s runs as process %d on 127.0.0.1:%d"
                    + " (control port %d).%nUse it with --tpm vtpm:%s; stop it with 'custody tpm vtpm stop %s'.",
                    directory, status.pid(), status.port(), status.port() + 1, directory, directory));
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the virtual TPM for DIR.")
    static final class Stop implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path directory;

        @Mixin
        JsonOutput json;

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
    static final class Status implements Callable<Integer> {
        static final int NOT_RUNNING = 3;

        @Parameters(paramLabel = "DIR")
        Path directory;

        @Mixin
        JsonOutput json;

        @Override
        public Integer call() {
            Optional<VirtualTpm.Status> status = VirtualTpm.status(directory);
            if (json.requested()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("directory", directory.toString());
                out.put("running", status.isPresent());
                out.put("pid", status.map(VirtualTpm.Status::pid).orElse(null));
                out.put("port", status.map(VirtualTpm.Status::port).orElse(null));
                System.out.println(Json.write(out));
            } else {
                System.out.println(status
                        .map(s -> String.format("running: process %d on 127.0.0.1:%d", s.pid(), s.port()))
                        .orElse("not running"));
            }
            return status.isPresent() ? 0 : NOT_RUNNING;
        }
    }
}
