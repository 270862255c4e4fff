package dev.custody.cli.attest;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.server.ServerConnection;
import dev.custody.machine.Machine;
import dev.custody.server.TlsIdentity;
import dev.custody.server.agent.Agent;
import dev.custody.server.agent.Enrolment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Enrol this machine's TPM with a fleet server: sends its endorsement key (and EK certificate,",
            "when the TPM has one) and a new attestation key; the TPM proves it holds both by recovering the",
            "server's credential (MakeCredential/ActivateCredential). The machine remembers the server and pins its certificate."})
public final class EnrollCommand implements Callable<Integer> {
    @Mixin ServerConnection connection;

    @Mixin MachineOptions machineOptions;

    @Option(names = "--name", paramLabel = "NAME", description = "The machine's name on the server (default: its label).") String name;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "900",
            description = "How often the machine reports; longer without a report shows it as silent (default: ${DEFAULT-VALUE}).")
    int interval;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        Machine machine = machineOptions.resolve();
        Enrolment enrolment = Agent.enroll(machine, connection.server, TlsIdentity.normalizeFingerprint(connection.fingerprint),
                connection.token(), name != null ? name : machine.label(), interval);
        output.print(enrolment.toJson(machine), enrolment.text(machine));
        return 0;
    }
}
