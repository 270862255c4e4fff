package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.common.Secret;
import dev.custody.tpm.Tpm;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "counter", mixinStandardHelpOptions = true,
        description = {"Define, increment and read TPM monotonic counters.",
            "They only ever go up, across reboots too: that is what stops rollback."},
        subcommands = {CounterCommand.Define.class, CounterCommand.Increment.class, CounterCommand.Read.class})
final class CounterCommand {

    @Command(name = "define", mixinStandardHelpOptions = true, description = "Create a counter.")
    static final class Define implements Callable<Integer> {
        @Mixin
        NvSlot nv;

        @Mixin
        PassphraseOptions.Owner ownerAuth;

        @Override
        public Integer call() {
            try (Secret owner = ownerAuth.read(); Tpm tpm = nv.open()) {
                tpm.defineCounter(nv.index, owner);
            }
            System.out.printf("Defined counter %s.%n", nv.name());
            return 0;
        }
    }

    @Command(name = "increment", mixinStandardHelpOptions = true, description = "Add one and print the new value.")
    static final class Increment implements Callable<Integer> {
        @Mixin
        NvSlot nv;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            try (Tpm tpm = nv.open()) {
                return show(nv, tpm.incrementCounter(nv.index), output);
            }
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Print the counter's value.")
    static final class Read implements Callable<Integer> {
        @Mixin
        NvSlot nv;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            try (Tpm tpm = nv.open()) {
                return show(nv, tpm.readCounter(nv.index), output);
            }
        }
    }

    /** Counters are unsigned 64-bit values. */
    private static int show(NvSlot nv, long counter, JsonOutput output) {
        String value = Long.toUnsignedString(counter);
        output.print(JsonOutput.object("index", nv.name(), "value", value), value);
        return 0;
    }
}
