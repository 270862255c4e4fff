package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabPower;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the lab machine's processes (its virtual TPM).")
public final class LabStopCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path directory;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        boolean stopped = LabPower.stop(new LabMachine(directory));
        json.print(JsonOutput.object("directory", directory.toString(), "stopped", stopped),
                stopped ? "Stopped the lab machine in " + directory + "." : "Nothing was running for " + directory + ".");
        return 0;
    }
}
