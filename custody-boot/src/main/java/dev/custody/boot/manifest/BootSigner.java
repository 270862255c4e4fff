package dev.custody.boot.manifest;

import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.EntryScan;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.boot.rollback.RollbackCounter;
import dev.custody.boot.rollback.RollbackRecord;
import dev.custody.common.AtomicFiles;
import dev.custody.openpgp.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Signs /boot in Heads' formats. Everything is computed and signed first, staged in a folder
 * whose name starts with "kexec" (so a crash leaves nothing that counts as a /boot file), and
 * moved into place only after the signature and the counter increment succeeded. Before anything
 * is written, the staging folders of killed runs are removed, and /boot is refused when it holds
 * what verification would refuse anyway: an unknown kexec* name, or a boot entry reading or
 * loading a file the signature cannot cover.
 */
public final class BootSigner {
    /** Public lists, like the rest of /boot; temp files start out private. */
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

    private BootSigner() {}

    public static SignResult sign(Path boot, Signer signer, OptionalInt defaultIndex, Optional<RollbackCounter> counter) {
        List<String> removedStaging = Staging.removeStale(boot);
        EntryScan scan = BootEntries.scan(boot, BootContent.toBeSigned(boot));
        refuseUncoverable(Stream.concat(KexecNames.check(boot).stream().map(f -> f.file() + ": " + f.reason()),
                scan.refusals().stream().map(r -> r.file() + ": " + r.reason())).toList());
        KexecFiles existing = KexecFiles.read(boot);
        Map<String, byte[]> staged = new LinkedHashMap<>(existing.files());
        existing.defaults().forEach(d -> staged.remove(d.file()));
        staged.remove(KexecFiles.DEFAULT_HASHES);

        List<String> files = BootFiles.regularFiles(boot);
        staged.put(KexecFiles.HASHES, hashLines(boot, files).getBytes(StandardCharsets.UTF_8));
        staged.put(KexecFiles.TREE, BootFiles.tree(boot));
        Optional<String> defaultLine = chooseDefault(scan.entries(), existing, defaultIndex).map(chosen -> {
            staged.put(KexecFiles.defaultFile(chosen.index), (chosen.entry.menuLine() + "\n").getBytes(StandardCharsets.UTF_8));
            staged.put(KexecFiles.DEFAULT_HASHES, defaultHashes(boot, chosen.entry).getBytes(StandardCharsets.UTF_8));
            return chosen.entry.menuLine();
        });

        Optional<PlannedCount> planned = counter.map(c -> plan(c, existing));
        planned.ifPresent(p -> staged.put(KexecFiles.ROLLBACK, counter.get().record(p.id(), p.next()).format().getBytes(StandardCharsets.US_ASCII)));

        KexecFiles signedSet = new KexecFiles(staged);
        String signature = signer.sign(signedSet.signedText());
        commit(boot, signedSet, signature, existing, () -> planned.ifPresent(p -> increment(counter.get(), p)));
        List<String> written = Stream.concat(signedSet.files().keySet().stream(), Stream.of(KexecFiles.SIGNATURE)).toList();
        return new SignResult(written, files.size(),
                planned.map(p -> OptionalLong.of(p.next())).orElse(OptionalLong.empty()), defaultLine, removedStaging);
    }

    private static void refuseUncoverable(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot sign /boot, its signature could not cover " + String.join("; ", problems));
        }
    }

    private static String hashLines(Path boot, List<String> files) {
        StringBuilder out = new StringBuilder();
        FileHasher.hash(boot, files).forEach((path, digest) -> out.append(HashList.line(digest.orElseThrow(path), path)));
        return out.toString();
    }

    private record Chosen(int index, BootEntry entry) {}

    /** A new default if asked for; otherwise the signed one, wherever it now is in the menu. */
    private static Optional<Chosen> chooseDefault(List<FoundEntry> entries, KexecFiles existing, OptionalInt requested) {
        if (requested.isEmpty() && existing.defaults().isEmpty()) {
            return Optional.empty();
        }
        if (requested.isPresent()) {
            int index = requested.getAsInt();
            if (index < 1 || index > entries.size()) {
                throw new IllegalArgumentException("there is no boot entry " + index + " (there are " + entries.size()
                        + "; see custody boot entries)");
            }
            return Optional.of(new Chosen(index, entries.get(index - 1).entry()));
        }
        String saved = existing.text(existing.defaults().getFirst().file()).orElseThrow().strip();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).entry().menuLine().equals(saved)) {
                return Optional.of(new Chosen(i + 1, entries.get(i).entry()));
            }
        }
        throw new IllegalArgumentException("the signed default boot entry is no longer in the boot configs;"
                + " choose a new one with --default N (see custody boot entries)");
    }

    /** Heads' {@code kexec-boot.sh -f | xargs sha256sum}: the entry's files as ./path, kernel first. */
    private static String defaultHashes(Path boot, BootEntry entry) {
        List<String> files = entry.files().stream().map(f -> "." + f).distinct().toList();
        files.stream().filter(f -> !Files.isRegularFile(boot.resolve(f.substring(2)))).findFirst().ifPresent(missing -> {
            throw new IllegalArgumentException("the default entry '" + entry.name() + "' loads " + missing.substring(2)
                    + ", which is not in /boot");
        });
        return hashLines(boot, files);
    }

    private record PlannedCount(String id, int index, long next) {}

    /** The counter is incremented only after signing, so a wrong PIN does not leave /boot behind the TPM. */
    private static PlannedCount plan(RollbackCounter counter, KexecFiles existing) {
        int index = existing.text(KexecFiles.ROLLBACK).map(t -> RollbackRecord.parse(t).nvIndex()).orElseGet(counter::create);
        long current;
        try {
            current = counter.read(index);
        } catch (RuntimeException e) {
            throw new IllegalStateException("rollback counter " + RollbackRecord.idOf(index) + " named in kexec_rollback.txt"
                    + " cannot be read from this TPM (" + e.getMessage() + "); if the TPM was reset, delete kexec_rollback.txt"
                    + " and sign again to create a new counter", e);
        }
        return new PlannedCount(RollbackRecord.idOf(index), index, current + 1);
    }

    private static void increment(RollbackCounter counter, PlannedCount planned) {
        long now = counter.increment(planned.index());
        if (now != planned.next()) {
            throw new IllegalStateException("rollback counter " + planned.id() + " moved to " + now + " instead of "
                    + planned.next() + " while signing; nothing was changed in /boot, sign again");
        }
    }

    private static void commit(Path boot, KexecFiles set, String signature, KexecFiles previous, Runnable beforeMove) {
        Path staging;
        try {
            staging = Staging.create(boot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + boot, e);
        }
        try {
            set.files().forEach((name, content) -> AtomicFiles.write(staging.resolve(name), content));
            AtomicFiles.writeString(staging.resolve(KexecFiles.SIGNATURE), signature);
            try (var staged = Files.newDirectoryStream(staging)) {
                for (Path file : staged) {
                    Files.setPosixFilePermissions(file, READABLE);
                }
            }
            beforeMove.run();
            for (String name : set.files().keySet()) {
                move(staging.resolve(name), boot.resolve(name));
            }
            for (String name : previous.files().keySet()) {
                if (!set.files().containsKey(name)) {
                    Files.deleteIfExists(boot.resolve(name));
                }
            }
            move(staging.resolve(KexecFiles.SIGNATURE), boot.resolve(KexecFiles.SIGNATURE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the signed files into " + boot, e);
        } finally {
            removeQuietly(staging);
        }
    }

    /** A staging folder left behind is reported by verification and removed by the next signing. */
    private static void removeQuietly(Path staging) {
        try {
            Staging.delete(staging);
        } catch (UncheckedIOException ignored) {
            // reported by the next boot verify, removed by the next boot sign
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
