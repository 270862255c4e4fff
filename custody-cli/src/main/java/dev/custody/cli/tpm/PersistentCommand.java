package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.Tpm;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "persistent", mixinStandardHelpOptions = true,
        description = "List or remove persistent objects (sealed secrets, keys) kept in the TPM.",
        subcommands = {PersistentCommand.List.class, PersistentCommand.Evict.class})
public final class PersistentCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the persistent handles in use.")
    static final class List extends TpmReport {
        @Override
        void report(Tpm tpm) {
            java.util.List<String> handles = tpm.persistentHandles().stream().map(HexHandle::format).toList();
            json.print(JsonOutput.object("handles", handles), String.join("\n", handles));
        }
    }

    @Command(name = "evict", mixinStandardHelpOptions = true,
            description = "Remove the persistent object at a handle. A sealed secret there is gone for good.")
    static final class Evict implements Callable<Integer> {
        @Mixin TpmOptions tpmOptions;

        @Option(names = "--handle", required = true, converter = HexHandle.class, paramLabel = "0x81xxxxxx") int handle;

        @Mixin PassphraseOptions.Owner ownerAuth;

        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            ownerAuth.withTpm(tpmOptions::open, (tpm, owner) -> tpm.evict(handle, owner));
            json.print(JsonOutput.object("evicted", HexHandle.format(handle)), "Removed the object at " + HexHandle.format(handle) + ".");
            return 0;
        }
    }
}
