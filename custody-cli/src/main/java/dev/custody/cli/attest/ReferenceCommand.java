package dev.custody.cli.attest;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.server.ServerConnection;
import dev.custody.common.TerminalText;
import dev.custody.ownership.handoff.TrustAnchor;
import dev.custody.server.agent.FleetAdmin;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reference", mixinStandardHelpOptions = true,
        description = {"Set what an enrolled machine must measure to be trusted. A machine without a reference is",
            "'unknown', never trusted. The reference comes from exactly one source: a hand-off bundle's expected PCRs",
            "(the bundle must be for this machine's TPM), a golden machine's event log, or the machine's own last",
            "attested boot, approved by you (trust on first use)."})
public final class ReferenceCommand implements Callable<Integer> {
    @Mixin ServerConnection connection;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The enrolled machine.") String name;

    @ArgGroup(multiplicity = "1") Source source;

    static final class Source {
        @Option(names = "--from-handoff", paramLabel = "DIR", description = "A hand-off bundle made by 'own handoff'.") Path handoff;

        @Option(names = "--from-machine", paramLabel = "M",
                description = "A golden machine: a lab machine folder (its current log), or an enrolled machine's name (its last attested boot).")
        String machine;

        @Option(names = "--approve-current", description = "Approve the machine's own last attested boot.") boolean approveCurrent;
    }

    @Option(names = "--provisioner-fingerprint", paramLabel = "FPR",
            description = "With --from-handoff: require the bundle to be signed by this OpenPGP key.")
    String provisionerFingerprint;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        FleetAdmin.Source chosen;
        if (source.handoff != null) {
            chosen = new FleetAdmin.Source.Handoff(source.handoff,
                    Optional.ofNullable(provisionerFingerprint).map(TrustAnchor.Fingerprint::new));
        } else if (source.machine != null) {
            chosen = new FleetAdmin.Source.GoldenMachine(source.machine);
        } else {
            chosen = new FleetAdmin.Source.ApproveCurrent();
        }
        FleetAdmin.ReferenceSet set = new FleetAdmin(connection.server, connection.fingerprint, connection.token())
                .setReference(name, chosen);
        output.print(JsonOutput.object("name", name, "description", set.description(), "pcrs", set.pcrs()),
                TerminalText.format("Reference for %s: %s%n  PCRs: %s", name, set.description(), set.pcrs()));
        return 0;
    }
}
