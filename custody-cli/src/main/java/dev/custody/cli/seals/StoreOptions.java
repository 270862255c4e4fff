package dev.custody.cli.seals;

import dev.custody.machine.LabMachine;
import dev.custody.seals.store.SealStore;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where enrolled references live: {@code --store DIR}, a lab machine's state, or the user's data folder. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "DIR",
            description = "The reference store (default: $XDG_DATA_HOME/custody/seals, else ~/.local/share/custody/seals).")
    Path store;

    @Option(names = "--machine", paramLabel = "DIR",
            description = "Seals of the lab machine in DIR: kept in its state folder, checked with its firmware's keyring.")
    Path machine;

    SealStore store() {
        if (store != null) {
            return new SealStore(store);
        }
        return lab().map(lab -> new SealStore(lab.stateDirectory().resolve("seals")))
                .orElseGet(() -> new SealStore(SealStore.defaultDirectory(System.getenv())));
    }

    Optional<LabMachine> lab() {
        return Optional.ofNullable(machine).map(LabMachine::existing);
    }
}
