package dev.custody.boot.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What of /boot the manifest covers, by Heads' rules: everything except paths starting with
 * {@code ./kexec} (its own files and any folder named so). Paths are spelt as {@code find ./}
 * prints them ({@code ./grub/grub.cfg}).
 */
public final class BootFiles {
    private BootFiles() {}

    /** Regular files, not following symlinks: {@code find ./ -type f ! -path './kexec*'}. */
    public static List<String> regularFiles(Path boot) {
        return walk(boot).stream().filter(p -> Files.isRegularFile(boot.resolve(p.substring(2)), LinkOption.NOFOLLOW_LINKS))
                .toList();
    }

    /** {@code find ./ ! -path './kexec*' -print0 | sort -z}: every entry, NUL-terminated, in byte order. */
    public static byte[] tree(Path boot) {
        List<byte[]> names = new ArrayList<>(walk(boot).stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList());
        names.add("./".getBytes(StandardCharsets.UTF_8));
        names.sort(Arrays::compareUnsigned);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] name : names) {
            out.writeBytes(name);
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The entries of a tree file; the root "./" is left out. */
    public static List<String> treeEntries(byte[] tree) {
        return Arrays.stream(new String(tree, StandardCharsets.UTF_8).split("\0"))
                .filter(e -> !e.isEmpty() && !e.equals("./")).toList();
    }

    private static List<String> walk(Path boot) {
        try (Stream<Path> walk = Files.walk(boot)) {
            return walk.filter(p -> !p.equals(boot))
                    .map(p -> "./" + boot.relativize(p))
                    .filter(BootFiles::covered)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + boot, e);
        }
    }

    public static boolean covered(String path) {
        return !path.startsWith("./kexec");
    }
}
