package dev.custody.boot.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
