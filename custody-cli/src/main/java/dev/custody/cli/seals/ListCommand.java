package dev.custody.cli.seals;

import dev.custody.cli.JsonOutput;
import dev.custody.seals.store.SealListing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the enrolled seals. Listing verifies no signature; seals check does."})
final class ListCommand implements Callable<Integer> {
    @Mixin StoreOptions storeOptions;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        SealListing listing = SealListing.of(storeOptions.store());
        json.print(listing.toJson(), String.join(System.lineSeparator(), listing.lines()));
        return 0;
    }
}
