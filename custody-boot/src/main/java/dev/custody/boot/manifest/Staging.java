package dev.custody.boot.manifest;

import dev.custody.boot.fs.FileType;
import dev.custody.boot.fs.NoFollow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder {@code boot sign} stages the signed files in: {@code kexec-staging.PID.N} in /boot,
 * on the same file system so the files can be renamed into place. Its kexec* name keeps it out of
 * the hashed lists, and nothing ever reads from it. A {@code kill -9} leaves it behind; the next
 * {@code boot sign} removes it when it is provably one: a real folder, owned by this user, holding
 * only the files boot sign writes, made by a process that is gone (a folder without a process id,
 * from an older Custody, once it is an hour old). Anything else is reported, never removed.
 */
final class Staging {
    static final String PREFIX = "kexec-staging.";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(?:(\\d+)\\.)?\\d+");
    private static final Pattern STAGED_FILE = Pattern.compile("\\.?kexec[A-Za-z0-9_.]*?(\\.txt|\\.sig)(\\d*\\.tmp)?");
    private static final Duration UNKNOWN_PROCESS_AGE = Duration.ofHours(1);

    private Staging() {}

    static Path create(Path boot) throws IOException {
        return Files.createTempDirectory(boot, PREFIX + ProcessHandle.current().pid() + ".");
    }

    static boolean isStagingName(String name) {
        return name.startsWith(PREFIX);
    }

    /** Removes the stale staging folders; any other kexec-staging name is an error naming it. */
    static List<String> removeStale(Path boot) {
        List<String> removed = new ArrayList<>();
        for (Path path : KexecNames.topLevel(boot)) {
            String name = path.getFileName().toString();
            if (isStagingName(name)) {
                Optional<String> why = whyNotOurs(path);
                if (why.isPresent()) {
                    throw new IllegalStateException(path + " " + why.get() + "; check it and remove it, then sign again");
                }
                delete(path);
                removed.add(name);
            }
        }
        return removed;
    }

    /** Empty when the folder is a stale staging folder of boot sign; otherwise why it may not be removed. */
    static Optional<String> whyNotOurs(Path path) {
        Matcher name = NAME.matcher(path.getFileName().toString());
        FileType type = NoFollow.type(path);
        if (!name.matches() || type != FileType.DIRECTORY) {
            return Optional.of("is " + type.description() + " named like boot sign's staging folder, but boot sign did not make it");
        }
        try {
            if (!Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                return Optional.of("is a staging folder of another user");
            }
            if (name.group(1) != null ? ProcessHandle.of(Long.parseLong(name.group(1))).map(ProcessHandle::isAlive).orElse(false)
                    : Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(Instant.now().minus(UNKNOWN_PROCESS_AGE))) {
                return Optional.of("may belong to a boot sign that is still running");
            }
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.toList()) {
                    if (NoFollow.type(file) != FileType.REGULAR || !STAGED_FILE.matcher(file.getFileName().toString()).matches()) {
                        return Optional.of("holds " + file.getFileName() + ", which boot sign does not write");
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.of("cannot be inspected: " + e.getMessage());
        }
        return Optional.empty();
    }

    static void delete(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the staging folder " + folder, e);
        }
    }
}
