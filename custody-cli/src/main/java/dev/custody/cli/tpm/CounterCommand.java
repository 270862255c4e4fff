package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.Tpm;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "counter", mixinStandardHelpOptions = true,
        description = {"Define, increment and read TPM monotonic counters.",
            "They only ever go up, across reboots too: that is what stops rollback."},
        subcommands = {CounterCommand.Define.class, CounterCommand.Increment.class, CounterCommand.Read.class})
public final class CounterCommand {

    @Command(name = "define", mixinStandardHelpOptions = true, description = "Create a counter.")
    static final class Define extends NvSlot.Defining {
        @Override
        public Integer call() {
            define((tpm, owner) -> tpm.defineCounter(nv.index, owner), JsonOutput.object("index", nv.name()),
                    "Defined counter " + nv.name() + ".");
            return 0;
        }
    }

    @Command(name = "increment", mixinStandardHelpOptions = true, description = "Add one and print the new value.")
    static final class Increment extends Shown {
        @Override
        long value(Tpm tpm, int index) {
            return tpm.incrementCounter(index);
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Print the counter's value.")
    static final class Read extends Shown {
        @Override
        long value(Tpm tpm, int index) {
            return tpm.readCounter(index);
        }
    }

    /** A subcommand that prints the counter's value after its own step. */
    abstract static class Shown implements Callable<Integer> {
        @Mixin NvSlot nv;

        @Mixin JsonOutput output;

        abstract long value(Tpm tpm, int index);

        @Override
        public Integer call() {
            try (Tpm tpm = nv.open()) {
                // Counters are unsigned 64-bit values.
                String value = Long.toUnsignedString(value(tpm, nv.index));
                output.print(JsonOutput.object("index", nv.name(), "value", value), value);
            }
            return 0;
        }
    }
}
