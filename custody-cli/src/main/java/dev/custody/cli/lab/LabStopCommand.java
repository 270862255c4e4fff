package dev.custody.cli.lab;

import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabPower;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the lab machine's processes (its virtual TPM).")
final class LabStopCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path directory;

    @Override
    public Integer call() {
        boolean stopped = LabPower.stop(new LabMachine(directory));
        System.out.println(stopped ? "Stopped the lab machine in " + directory + "." : "Nothing was running for " + directory + ".");
        return 0;
    }
}
