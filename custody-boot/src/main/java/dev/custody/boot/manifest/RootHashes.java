package dev.custody.boot.manifest;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.SignatureCheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PureBoot's root filesystem check: {@code kexec_root_hashes.txt} in /boot holds
 * {@code find DIRS -type f ! -name '*kexec*' | xargs sha256sum} run at the root of the mounted
 * root filesystem. Being a kexec*.txt file, it is covered by kexec.sig like the other lists.
 */
public final class RootHashes {
    public static final String FILE = "kexec_root_hashes.txt";

    private RootHashes() {}

    public static String create(Path root, List<String> directories) {
        StringBuilder out = new StringBuilder();
        FileHasher.hash(root, files(root, directories)).forEach((path, digest) -> out.append(HashList.line(digest.orElseThrow(path), path)));
        return out.toString();
    }

    /**
     * The list in /boot checked against the root filesystem, once kexec.sig over the kexec files
     * verified with the keys in {@code keyring}: an unsigned root hash list proves nothing.
     */
    public static Check checkSigned(Path boot, Path root, List<String> directories, Path keyring) {
        KexecFiles kexec = KexecFiles.read(boot);
        String list = kexec.text(FILE).orElseThrow(() ->
                new IllegalArgumentException(boot + " has no " + FILE + "; make one with custody boot root-hashes"));
        if (SignatureCheck.verify(signature(boot), kexec.signedText(), Keyring.load(keyring)) instanceof SignatureCheck.Bad bad) {
            throw new IllegalStateException("kexec.sig: " + bad.reason() + "; the root hash list cannot be trusted");
        }
        return new Check(directories, check(root, directories, HashList.parse(FILE, list)));
    }

    private static byte[] signature(Path boot) {
        try {
            return Files.readAllBytes(boot.resolve(KexecFiles.SIGNATURE));
        } catch (IOException e) {
            throw new UncheckedIOException("kexec.sig: cannot be read; /boot is not signed", e);
        }
    }

    /** The outcome of 'boot root-hashes --check': verified when no file differs. */
    public record Check(List<String> directories, List<Change> changes) {
        public Check {
            directories = List.copyOf(directories);
            changes = List.copyOf(changes);
        }

        public boolean verified() {
            return changes.isEmpty();
        }

        /** The report, each line ended by a newline. */
        public String text() {
            if (verified()) {
                return String.format("Root filesystem verified: every file in %s matches the signed list.%n", String.join(" ", directories));
            }
            StringBuilder out = new StringBuilder(String.format("Root filesystem NOT VERIFIED, %d files differ:%n", changes.size()));
            changes.forEach(c -> out.append(TerminalText.format("  %s: %s%n", c.file(), c.kindName())));
            return out.toString();
        }

        public Map<String, Object> toJson() {
            return object("verified", verified(),
                    "changes", changes.stream().map(c -> object("change", c.kindName(), "file", c.file())).toList());
        }
    }

    /** Files changed, removed, or added in the listed directories since the list was made. */
    public static List<Change> check(Path root, List<String> directories, HashList signed) {
        List<Change> changes = new ArrayList<>();
        signed.differences(root).forEach((path, kind) -> changes.add(new Change(kind, path, FileClass.OTHER)));
        Set<String> added = new LinkedHashSet<>(files(root, directories));
        added.removeAll(signed.digests().keySet());
        added.forEach(path -> changes.add(new Change(Change.Kind.ADDED, path, FileClass.OTHER)));
        return List.copyOf(changes);
    }

    private static List<String> files(Path root, List<String> directories) {
        List<String> files = new ArrayList<>();
        for (String directory : directories) {
            Path start = root.resolve(directory);
            if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(root + " has no folder " + directory + " (CONFIG_ROOT_DIRLIST)");
            }
            try (Stream<Path> walk = Files.walk(start)) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> !p.getFileName().toString().contains("kexec"))
                        .map(p -> root.relativize(p).toString())
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + start, e);
            }
        }
        return files;
    }
}
