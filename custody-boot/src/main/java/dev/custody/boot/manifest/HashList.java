package dev.custody.boot.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lines in the format of coreutils' {@code sha256sum}: 64 hex digits, two spaces (or space and
 * {@code *}), the path. Names holding a backslash or newline are escaped as sha256sum escapes
 * them: a leading backslash on the line and {@code \\} / {@code \n} in the name.
 */
public record HashList(Map<String, String> digests) {
    public HashList {
        digests = Collections.unmodifiableMap(new LinkedHashMap<>(digests));
    }

    public static HashList parse(String fileName, String text) {
        Map<String, String> digests = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean escaped = line.startsWith("\\");
            String body = escaped ? line.substring(1) : line;
            if (body.length() < 67 || !isHex(body.substring(0, 64)) || body.charAt(64) != ' '
                    || (body.charAt(65) != ' ' && body.charAt(65) != '*')) {
                throw new IllegalArgumentException(fileName + " line " + (i + 1) + " is not a sha256sum line");
            }
            String path = escaped ? unescape(body.substring(66)) : body.substring(66);
            digests.put(path, body.substring(0, 64).toLowerCase(Locale.ROOT));
        }
        return new HashList(digests);
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        digests.forEach((path, digest) -> out.append(line(digest, path)));
        return out.toString();
    }

    static String line(String digest, String path) {
        if (path.indexOf('\\') >= 0 || path.indexOf('\n') >= 0) {
            return "\\" + digest + "  " + path.replace("\\", "\\\\").replace("\n", "\\n") + "\n";
        }
        return digest + "  " + path + "\n";
    }

    public static String line(byte[] digest, String path) {
        return line(HexFormat.of().formatHex(digest), path);
    }

    /** The listed files that are gone or differ now, hashed in parallel; unchanged files are left out. */
    public Map<String, Change.Kind> differences(Path root) {
        return differences(FileHasher.hash(root, paths()));
    }

    /**
     * As {@link #differences(Path)}, from digests already computed (each listed path present). A
     * name that is no longer a readable regular file counts as changed.
     */
    public Map<String, Change.Kind> differences(Map<String, FileDigest> actual) {
        Map<String, Change.Kind> differences = new LinkedHashMap<>();
        digests.forEach((path, expected) -> {
            FileDigest digest = actual.get(path);
            if (digest instanceof FileDigest.Missing) {
                differences.put(path, Change.Kind.REMOVED);
            } else if (!matches(path, digest)) {
                differences.put(path, Change.Kind.CHANGED);
            }
        });
        return differences;
    }

    /** Whether the file was hashed and its digest is the listed one. */
    public boolean matches(String path, FileDigest digest) {
        return digest.sha256().map(d -> HexFormat.of().formatHex(d).equals(digests.get(path))).orElse(false);
    }

    public List<String> paths() {
        return new ArrayList<>(digests.keySet());
    }

    private static boolean isHex(String text) {
        return text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    private static String unescape(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                char next = name.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
