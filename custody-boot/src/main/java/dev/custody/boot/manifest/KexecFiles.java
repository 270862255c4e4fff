package dev.custody.boot.manifest;

import dev.custody.boot.fs.FileType;
import dev.custody.boot.fs.NoFollow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The signed set: every {@code kexec*.txt} at the top of /boot. The signature covers
 * {@code sha256sum kexec*.txt}, whose order is the shell's glob order (bytewise, as in Heads'
 * C locale), so adding or deleting any of these files breaks it too.
 */
public record KexecFiles(Map<String, byte[]> files) {
    public static final String HASHES = "kexec_hashes.txt";
    public static final String TREE = "kexec_tree.txt";
    public static final String ROLLBACK = "kexec_rollback.txt";
    public static final String DEFAULT_HASHES = "kexec_default_hashes.txt";
    public static final String SIGNATURE = "kexec.sig";
    /** Far above any real list; a bigger file is refused rather than read into memory. */
    public static final int MAX_BYTES = 64 << 20;
    private static final Pattern DEFAULT = Pattern.compile("kexec_default\\.(\\d{1,6})\\.txt");

    public KexecFiles {
        Map<String, byte[]> sorted = new java.util.TreeMap<>((a, b) ->
                Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        sorted.putAll(files);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /**
     * The kexec*.txt files that are regular files, read without following links. Any other
     * kexec* name is left to {@link KexecNames}, which reports it.
     */
    public static KexecFiles read(Path folder) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.toList()) {
                String name = file.getFileName().toString();
                if (isSigned(name) && NoFollow.type(file) == FileType.REGULAR) {
                    files.put(name, NoFollow.readRegular(file, MAX_BYTES));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kexec files in " + folder, e);
        }
        return new KexecFiles(files);
    }

    public static boolean isSigned(String name) {
        return name.startsWith("kexec") && name.endsWith(".txt");
    }

    /** The exact bytes the signature covers: {@code sha256sum kexec*.txt} run inside /boot. */
    public byte[] signedText() {
        StringBuilder out = new StringBuilder();
        files.forEach((name, content) -> out.append(HashList.line(FileHasher.sha256(content), name)));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(files.get(name)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The saved default: its menu index (from 1) and file name. */
    public record DefaultEntry(int index, String file) {}

    public java.util.List<DefaultEntry> defaults() {
        return files.keySet().stream().map(DEFAULT::matcher).filter(Matcher::matches)
                .map(m -> new DefaultEntry(Integer.parseInt(m.group(1)), m.group())).toList();
    }

    public static String defaultFile(int index) {
        return "kexec_default." + index + ".txt";
    }
}
