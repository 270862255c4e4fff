package dev.custody.cli.tpm;

import dev.custody.cli.CommandGroup;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(name = "tpm",
        mixinStandardHelpOptions = true,
        description = {"Talk to the TPM: PCRs, sealed secrets, NV storage, ownership, and virtual TPMs.",
            "Every subcommand takes --tpm device:PATH | swtpm:HOST:PORT | vtpm:DIR."})
public final class TpmCommand implements CommandGroup {
    @Override
    public SequencedMap<String, Supplier<Object>> subcommands() {
        SequencedMap<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("info", () -> new InfoCommand());
        commands.put("pcrs", () -> new PcrsCommand());
        commands.put("extend", () -> new ExtendCommand());
        commands.put("seal", () -> new SealCommand());
        commands.put("unseal", () -> new UnsealCommand());
        commands.put("persistent", () -> new PersistentCommand());
        commands.put("nv", () -> new NvCommand());
        commands.put("counter", () -> new CounterCommand());
        commands.put("quote", () -> new QuoteCommand());
        commands.put("owner", () -> new OwnershipCommand());
        commands.put("power-cycle", () -> new PowerCycleCommand());
        commands.put("vtpm", () -> new VtpmCommand());
        return commands;
    }
}
