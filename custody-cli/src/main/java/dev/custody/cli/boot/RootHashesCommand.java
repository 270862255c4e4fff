package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.manifest.Change;
import dev.custody.boot.manifest.HashList;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.RootHashes;
import dev.custody.cli.Json;
import dev.custody.common.AtomicFiles;
import dev.custody.common.TerminalText;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.SignatureCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "root-hashes", mixinStandardHelpOptions = true,
        description = {"PureBoot's root filesystem check: hash the files of chosen root folders",
            "(CONFIG_ROOT_DIRLIST, default bin boot lib sbin usr) into /boot/kexec_root_hashes.txt,",
            "which the next boot sign covers; or --check them against the signed list."})
final class RootHashesCommand implements Callable<Integer> {
    @Mixin
    BootDirectory boot;

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The mounted root filesystem.")
    Path root;

    @Option(names = "--check", description = "Check instead of writing the list (needs --keyring).")
    boolean check;

    @Option(names = "--keyring", paramLabel = "FILE", description = "Public keys that kexec.sig must verify with.")
    Path keyring;

    @Mixin
    PolicyOption policyOption;

    @Mixin
    JsonOutput output;

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
        KexecFiles kexec = KexecFiles.read(boot.path());
        String list = kexec.text(RootHashes.FILE).orElseThrow(() ->
                new IllegalArgumentException(boot.path() + " has no " + RootHashes.FILE + "; make one with custody boot root-hashes"));
        if (SignatureCheck.verify(signature(), kexec.signedText(), Keyring.load(keyring)) instanceof SignatureCheck.Bad bad) {
            throw new IllegalStateException("kexec.sig: " + bad.reason() + "; the root hash list cannot be trusted");
        }
        List<Change> changes = RootHashes.check(root, directories, HashList.parse(RootHashes.FILE, list));
        if (output.requested()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("verified", changes.isEmpty());
            out.put("changes", changes.stream().map(RootHashesCommand::toJson).toList());
            System.out.println(Json.write(out));
        } else if (changes.isEmpty()) {
            System.out.printf("Root filesystem verified: every file in %s matches the signed list.%n", String.join(" ", directories));
        } else {
            System.out.printf("Root filesystem NOT VERIFIED, %d files differ:%n", changes.size());
            changes.forEach(c -> System.out.print(TerminalText.format("  %s: %s%n", c.file(), c.kind().name().toLowerCase(Locale.ROOT))));
        }
        return changes.isEmpty() ? 0 : 1;
    }

    private byte[] signature() {
        try {
            return Files.readAllBytes(boot.path().resolve(KexecFiles.SIGNATURE));
        } catch (IOException e) {
            throw new UncheckedIOException("kexec.sig: cannot be read; /boot is not signed", e);
        }
    }

    private static Map<String, Object> toJson(Change change) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("change", change.kind().name().toLowerCase(Locale.ROOT));
        out.put("file", change.file());
        return out;
    }
}
