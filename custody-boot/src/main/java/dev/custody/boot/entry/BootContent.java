package dev.custody.boot.entry;

import dev.custody.boot.fs.FileType;
import dev.custody.boot.fs.NoFollow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Which files of /boot the entry parser may read, and which files an entry may make the machine
 * load. Every path stays inside /boot (after {@code ..} is resolved), passes through no symbolic
 * link (a link's target is not covered by the signature, whose lists hold regular files only),
 * ends at a regular file, and is not under a top-level {@code kexec*} name (which the signed lists
 * leave out). For a signed /boot the file must also be in the signed hash list, and a config is
 * read only when the bytes read are the bytes that were signed.
 */
public final class BootContent {
    static final int MAX_CONFIG_BYTES = 4 << 20;

    private final Path boot;
    private final Optional<Map<String, String>> signed;

    private BootContent(Path boot, Optional<Map<String, String>> signed) {
        this.boot = boot.toAbsolutePath().normalize();
        this.signed = signed.map(Map::copyOf);
    }

    /** What signing would cover: used to list entries before /boot is signed, and to sign it. */
    public static BootContent toBeSigned(Path boot) {
        return new BootContent(boot, Optional.empty());
    }

    /**
     * @param digests the signed hash list: paths as {@code find ./} prints them ({@code ./grub/grub.cfg})
     *                to lowercase hex SHA-256
     */
    public static BootContent signed(Path boot, Map<String, String> digests) {
        return new BootContent(boot, Optional.of(digests));
    }

    /** The outcome of looking at one path an entry or config names. */
    sealed interface Access {
        /** May be used; {@code file} is the path relative to /boot, content is empty for files only loaded. */
        record Admitted(String file, byte[] content) implements Access {}

        /** Not there: nothing to load, nothing to read. */
        record Absent() implements Access {}

        record Refused(String file, String reason) implements Access {}
    }

    /** A boot config's bytes, when it may be read for entries. */
    Access config(String path) {
        return switch (locate(path)) {
            case Access.Admitted admitted -> read(admitted.file());
            case Access other -> other;
        };
    }

    /** Whether an entry may make the machine load this file. */
    Access load(String path) {
        return locate(path);
    }

    private Access read(String file) {
        byte[] content;
        try {
            content = NoFollow.readRegular(boot.resolve(file), MAX_CONFIG_BYTES);
        } catch (IOException e) {
            return new Access.Refused(file, "cannot be read: " + e.getMessage());
        }
        if (signed.isPresent() && !HexFormat.of().formatHex(sha256(content)).equals(signed.get().get("./" + file))) {
            return new Access.Refused(file, "differs from its signed hash, so it is not read for boot entries");
        }
        return new Access.Admitted(file, content);
    }

    private Access locate(String path) {
        Path inside;
        try {
            inside = Path.of(path.replaceFirst("^/+", "")).normalize();
        } catch (InvalidPathException e) {
            return new Access.Refused(path, "is not a valid path");
        }
        if (inside.isAbsolute() || inside.startsWith("..")) {
            return new Access.Refused(path, "leaves /boot; only files inside /boot are covered by the signature");
        }
        String file = inside.toString();
        if (file.isEmpty()) {
            return new Access.Refused(path, "names /boot itself, not a file");
        }
        if (inside.getName(0).toString().startsWith("kexec")) {
            return new Access.Refused(file, inside.getNameCount() == 1 ? "has a kexec* name, which the signed lists leave out"
                    : "is in " + inside.getName(0) + ", a kexec* folder the signed lists leave out");
        }
        Path current = boot;
        for (int i = 0; i < inside.getNameCount(); i++) {
            current = current.resolve(inside.getName(i));
            boolean last = i == inside.getNameCount() - 1;
            FileType type = NoFollow.type(current);
            switch (type) {
                case MISSING -> {
                    return new Access.Absent();
                }
                case SYMLINK -> {
                    return new Access.Refused(boot.relativize(current).toString(), linkReason(current));
                }
                case DIRECTORY -> {
                    if (last) {
                        return new Access.Refused(file, "is a folder, not a file");
                    }
                }
                case REGULAR -> {
                    if (!last) {
                        return new Access.Absent();
                    }
                }
                default -> {
                    return new Access.Refused(boot.relativize(current).toString(), "is " + type.description()
                            + ", not a regular file; it is not opened");
                }
            }
        }
        if (signed.isPresent() && !signed.get().containsKey("./" + file)) {
            return new Access.Refused(file, "is not signed (not in kexec_hashes.txt)");
        }
        return new Access.Admitted(file, new byte[0]);
    }

    private String linkReason(Path link) {
        try {
            Path target = Files.readSymbolicLink(link);
            if (!link.getParent().resolve(target).normalize().startsWith(boot)) {
                return "is a symbolic link out of /boot (to " + target + "); it is never followed";
            }
        } catch (IOException | InvalidPathException e) {
            return "is a symbolic link that cannot be read; it is never followed";
        }
        return "is a symbolic link; links in /boot are never followed, since the signature does not cover their targets";
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
