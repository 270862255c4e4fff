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
        commands.put("info", InfoCommand::new);
        commands.put("pcrs", PcrsCommand::new);
        commands.put("extend", ExtendCommand::new);
        commands.put("seal", SealCommand::new);
        commands.put("unseal", UnsealCommand::new);
        commands.put("persistent", PersistentCommand::new);
        commands.put("nv", NvCommand::new);
        commands.put("counter", CounterCommand::new);
        commands.put("quote", QuoteCommand::new);
        commands.put("owner", OwnershipCommand::new);
        commands.put("power-cycle", PowerCycleCommand::new);
        commands.put("vtpm", VtpmCommand::new);
        return commands;
    }
}
