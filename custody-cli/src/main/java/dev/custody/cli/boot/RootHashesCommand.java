package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.manifest.RootHashes;
import dev.custody.cli.Json;
import dev.custody.common.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "root-hashes", mixinStandardHelpOptions = true,
        description = {"PureBoot's root filesystem check: hash the files of chosen root folders",
            "(CONFIG_ROOT_DIRLIST, default bin boot lib sbin usr) into /boot/kexec_root_hashes.txt,",
            "which the next boot sign covers; or --check them against the signed list."})
public final class RootHashesCommand implements Callable<Integer> {
    @Mixin BootDirectory boot;

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The mounted root filesystem.") Path root;

    @Option(names = "--check", description = "Check instead of writing the list (needs --keyring).") boolean check;

    @Option(names = "--keyring", paramLabel = "FILE", description = "Public keys that kexec.sig must verify with.") Path keyring;

    @Mixin PolicyOption policyOption;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        List<String> directories = policyOption.policy().rootDirectories();
        if (!check) {
            AtomicFiles.writeString(boot.path().resolve(RootHashes.FILE), RootHashes.create(root, directories));
            System.out.printf("Wrote %s for %s; sign /boot (custody boot sign) to cover it.%n",
                    boot.path().resolve(RootHashes.FILE), String.join(" ", directories));
            return 0;
        }
        if (keyring == null) {
            throw new IllegalArgumentException("--check needs --keyring: an unsigned root hash list proves nothing");
        }
        RootHashes.Check checked = RootHashes.checkSigned(boot.path(), root, directories, keyring);
        if (output.requested()) {
            System.out.println(Json.write(checked.toJson()));
        } else {
            System.out.print(checked.text());
        }
        return checked.verified() ? 0 : 1;
    }
}
