package dev.custody.cli.seals;

import dev.custody.cli.LabMachineOption;
import dev.custody.cli.key.Passphrases;
import dev.custody.common.Secret;
import dev.custody.machine.LabMachine;
import dev.custody.seals.store.SealStore;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where enrolled references live: {@code --store DIR}, a lab machine's state, or the user's data folder. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "DIR",
            description = {"The reference store (default: the lab machine's state folder with --machine, else",
                "$XDG_DATA_HOME/custody/seals, else ~/.local/share/custody/seals)."})
    Path store;

    @Option(names = "--store-passphrase-file", paramLabel = "F",
            description = "The passphrase of an encrypted reference (enroll --encrypt), instead of asking.")
    Path passphraseFile;

    /** A lab machine's seals are kept in its state folder and checked with its firmware's keyring. */
    @Mixin LabMachineOption machine;

    SealStore store() {
        return SealStore.chosen(Optional.ofNullable(store), lab().map(LabMachine::stateDirectory), System.getenv());
    }

    Optional<LabMachine> lab() {
        return machine.lab();
    }

    /** The passphrase of an encrypted reference: from --store-passphrase-file, else asked (twice when it is new). */
    Secret passphrase(String prompt, boolean confirm) {
        return Passphrases.read(passphraseFile, prompt, confirm);
    }
}
