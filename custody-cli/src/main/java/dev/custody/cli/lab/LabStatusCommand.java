package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabStatus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show whether the lab machine is on, what is sealed in its TPM, and whether its /boot verifies.",
            "Changes nothing and measures nothing. Exit code 0 whatever the state; use --json in scripts",
            "(members: directory, on, totp, diskKey, boot)."})
public final class LabStatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path directory;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        LabStatus status = LabStatus.of(LabMachine.existing(directory));
        output.print(status.toJson(), status.text());
        return 0;
    }
}
