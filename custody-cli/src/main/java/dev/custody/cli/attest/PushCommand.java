package dev.custody.cli.attest;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.server.Verdict;
import dev.custody.server.agent.Agent;
import dev.custody.server.agent.ServerClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Send the server a quote of PCRs 0-7 (and those its reference names) over a fresh nonce,",
            "with the event log, and print its verdict. Exits 0 only when the machine is trusted,",
            "3 when it is changed or unknown, 1 when the server refused the report."})
public final class PushCommand implements Callable<Integer> {
    static final int NOT_TRUSTED = 3;
    static final int REFUSED = 1;

    @Mixin MachineOptions machineOptions;

    @Option(names = "--server", paramLabel = "URL", description = "The server (default: the one the machine enrolled with).") String server;

    @Option(names = "--fingerprint", paramLabel = "FPR",
            description = "The server certificate's fingerprint; an enrolled machine always uses the one it pinned.")
    String fingerprint;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        Verdict verdict;
        try {
            verdict = Agent.push(machineOptions.resolve(), Optional.ofNullable(server), Optional.ofNullable(fingerprint));
        } catch (ServerClient.ServerRefusal refusal) {
            print(new Verdict(Verdict.REFUSED, List.of(refusal.getMessage())));
            return REFUSED;
        }
        print(verdict);
        return verdict.trusted() ? 0 : NOT_TRUSTED;
    }

    private void print(Verdict verdict) {
        json.print(verdict.toJson(), verdict.text());
    }
}
