package dev.custody.cli.disk;

import dev.custody.cli.CommandGroup;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(name = "disk-key", mixinStandardHelpOptions = true,
        description = {"The disk unlock key, as Heads has it: 128 random bytes in LUKS2 keyslot 31, sealed in the",
            "TPM to PCRs 0-7 (the LUKS header is measured into PCR 6) and to a passphrase."})
public final class DiskKeyCommand implements CommandGroup {
    @Override
    public SequencedMap<String, Supplier<Object>> subcommands() {
        SequencedMap<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("seal", () -> new DiskKeySealCommand());
        commands.put("unseal", () -> new DiskKeyUnsealCommand());
        commands.put("status", () -> new DiskKeyStatusCommand());
        return commands;
    }
}
