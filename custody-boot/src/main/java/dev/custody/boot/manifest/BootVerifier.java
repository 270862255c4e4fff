package dev.custody.boot.manifest;

import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.EntryScan;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.boot.fs.NoFollow;
import dev.custody.boot.rollback.CounterReader;
import dev.custody.boot.rollback.RollbackRecord;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.SignatureCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Verifies /boot before booting, as Heads does: the signature over the kexec*.txt files, every
 * hash, the file tree, the rollback counter and the default entry. Beyond Heads, it refuses every
 * kexec* name that Heads and Custody do not write, and reads the boot entries only from signed
 * configs, admitting only signed files inside /boot, so that whatever an entry can make the
 * machine load is covered by the signature. All checks run even after one fails, so the owner
 * sees everything that is wrong at once.
 */
public final class BootVerifier {
    private final Path boot;
    private final Keyring keyring;
    private final Optional<CounterReader> counter;
    private final boolean requireRollback;
    private final List<Finding> findings = new ArrayList<>();
    /** Digests of the full pass, reused for the default entry's files instead of reading them twice. */
    private final Map<String, FileDigest> digests = new HashMap<>();

    private BootVerifier(Path boot, Keyring keyring, Optional<CounterReader> counter, boolean requireRollback) {
        this.boot = boot;
        this.keyring = keyring;
        this.counter = counter;
        this.requireRollback = requireRollback;
    }

    /**
     * @param counter the TPM counter; when /boot has a rollback record and no counter is given,
     *                that is a finding, never a silent pass
     */
    public static Verification verify(Path boot, Keyring keyring, Optional<CounterReader> counter, boolean requireRollback) {
        return new BootVerifier(boot, keyring, counter, requireRollback).run();
    }

    /** Hashing, the long part, runs while the signature is checked. */
    private Verification run() {
        KexecFiles kexec = KexecFiles.read(boot);
        Optional<HashList> list = hashList(kexec, KexecFiles.HASHES);
        CompletableFuture<Map<String, FileDigest>> hashing =
                CompletableFuture.supplyAsync(() -> FileHasher.hash(boot, list.map(HashList::paths).orElse(List.of())));
        Optional<SignatureCheck.Good> signer = checkSignature(kexec);
        digests.putAll(join(hashing));
        int hashed = list.map(this::checkHashes).orElse(0);
        checkTree(kexec);
        KexecNames.check(boot).forEach(this::add);
        List<FoundEntry> entries = list.map(this::signedEntries).orElse(List.of());
        OptionalLong rollback = checkRollback(kexec);
        Optional<String> defaultEntry = checkDefault(kexec, entries);
        return new Verification(findings, signer, hashed, rollback, defaultEntry, entries);
    }

    /** Entries only from configs whose bytes are signed, loading only signed files; every refusal is a finding. */
    private List<FoundEntry> signedEntries(HashList list) {
        EntryScan scan;
        try {
            scan = BootEntries.scan(boot, BootContent.signed(boot, list.digests()));
        } catch (RuntimeException e) {
            findings.add(new Finding.EntryRefused("boot configs", "cannot be read: " + e.getMessage()));
            return List.of();
        }
        scan.refusals().forEach(r -> add(new Finding.EntryRefused(r.file(), r.reason())));
        return scan.entries();
    }

    private Optional<SignatureCheck.Good> checkSignature(KexecFiles kexec) {
        Path signature = boot.resolve(KexecFiles.SIGNATURE);
        byte[] signatureBytes;
        try {
            signatureBytes = NoFollow.readRegular(signature, KexecFiles.MAX_BYTES);
        } catch (java.nio.file.NoSuchFileException e) {
            findings.add(new Finding.BadSignature("missing: this /boot was never signed"));
            return Optional.empty();
        } catch (IOException e) {
            findings.add(new Finding.BadSignature("unreadable: " + e.getMessage()));
            return Optional.empty();
        }
        if (kexec.files().isEmpty()) {
            findings.add(new Finding.BadManifest("kexec*.txt", "missing: there is nothing signed"));
            return Optional.empty();
        }
        return switch (SignatureCheck.verify(signatureBytes, kexec.signedText(), keyring)) {
            case SignatureCheck.Good good -> Optional.of(good);
            case SignatureCheck.Bad bad -> {
                findings.add(new Finding.BadSignature(bad.reason()));
                yield Optional.empty();
            }
        };
    }

    private Optional<HashList> hashList(KexecFiles kexec, String name) {
        Optional<String> text = kexec.text(name);
        if (text.isEmpty()) {
            findings.add(new Finding.BadManifest(name, "missing"));
            return Optional.empty();
        }
        try {
            return Optional.of(HashList.parse(name, text.get()));
        } catch (IllegalArgumentException e) {
            findings.add(new Finding.BadManifest(name, e.getMessage()));
            return Optional.empty();
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private int checkHashes(HashList list) {
        compare(list, Finding.Changed::new);
        Set<String> current = new LinkedHashSet<>(BootFiles.regularFiles(boot));
        current.removeAll(list.digests().keySet());
        current.forEach(path -> add(new Finding.Added(display(path))));
        return list.digests().size();
    }

    private void compare(HashList list, Function<String, Finding> onDifference) {
        List<String> missing = list.paths().stream().filter(p -> !digests.containsKey(p)).toList();
        digests.putAll(FileHasher.hash(boot, missing));
        for (String path : list.paths()) {
            FileDigest digest = digests.get(path);
            switch (digest) {
                case FileDigest.Missing m -> add(new Finding.Removed(display(path)));
                case FileDigest.NotRegular n -> add(new Finding.NotReadable(display(path), digest.problem()));
                case FileDigest.Unreadable u -> add(new Finding.NotReadable(display(path), digest.problem()));
                case FileDigest.Hashed h -> {
                    if (!list.matches(path, digest)) {
                        add(onDifference.apply(display(path)));
                    }
                }
            }
        }
    }

    private void checkTree(KexecFiles kexec) {
        Optional<byte[]> signed = Optional.ofNullable(kexec.files().get(KexecFiles.TREE));
        if (signed.isEmpty()) {
            findings.add(new Finding.BadManifest(KexecFiles.TREE, "missing"));
            return;
        }
        byte[] current = BootFiles.tree(boot);
        if (Arrays.equals(current, signed.get())) {
            return;
        }
        Set<String> before = new LinkedHashSet<>(BootFiles.treeEntries(signed.get()));
        Set<String> now = new LinkedHashSet<>(BootFiles.treeEntries(current));
        now.stream().filter(e -> !before.contains(e)).forEach(e -> add(new Finding.Added(display(e))));
        before.stream().filter(e -> !now.contains(e)).forEach(e -> add(new Finding.Removed(display(e))));
    }

    private OptionalLong checkRollback(KexecFiles kexec) {
        Optional<String> text = kexec.text(KexecFiles.ROLLBACK);
        if (text.isEmpty()) {
            if (requireRollback) {
                findings.add(new Finding.Rollback("missing: rollback protection is required but this /boot has no counter record"));
            }
            return OptionalLong.empty();
        }
        RollbackRecord record;
        try {
            record = RollbackRecord.parse(text.get());
        } catch (IllegalArgumentException e) {
            findings.add(new Finding.Rollback("rollback record unreadable: " + e.getMessage()));
            return OptionalLong.empty();
        }
        if (counter.isEmpty()) {
            findings.add(new Finding.Rollback("rollback counter not checked: no TPM given"));
            return OptionalLong.empty();
        }
        long value;
        try {
            value = counter.get().read(record.nvIndex());
        } catch (RuntimeException e) {
            findings.add(new Finding.Rollback("rollback counter " + record.counterId() + " cannot be read from the TPM: " + e.getMessage()));
            return OptionalLong.empty();
        }
        if (!record.matches(value)) {
            findings.add(new Finding.Rollback("rollback: the signed counter record does not match TPM counter "
                    + record.counterId() + " (now " + value + "); an older signed /boot may have been restored"));
        }
        return OptionalLong.of(value);
    }

    private Optional<String> checkDefault(KexecFiles kexec, List<FoundEntry> entries) {
        List<KexecFiles.DefaultEntry> defaults = kexec.defaults();
        if (defaults.isEmpty()) {
            return Optional.empty();
        }
        if (defaults.size() > 1) {
            defaults.forEach(d -> findings.add(new Finding.DefaultEntryChanged(d.file(), "more than one default entry file")));
            return Optional.empty();
        }
        KexecFiles.DefaultEntry saved = defaults.getFirst();
        String line = kexec.text(saved.file()).orElseThrow().strip();
        checkDefaultEntry(saved, line, entries);
        hashList(kexec, KexecFiles.DEFAULT_HASHES).ifPresent(list -> compare(list, Finding.DefaultFileChanged::new));
        return Optional.of(line);
    }

    private void checkDefaultEntry(KexecFiles.DefaultEntry saved, String line, List<FoundEntry> entries) {
        if (saved.index() < 1 || saved.index() > entries.size()) {
            findings.add(new Finding.DefaultEntryChanged(saved.file(), "boot entry " + saved.index() + " no longer exists"));
        } else if (!entries.get(saved.index() - 1).entry().menuLine().equals(line)) {
            findings.add(new Finding.DefaultEntryChanged(saved.file(), "boot entry " + saved.index()
                    + " is now '" + entries.get(saved.index() - 1).entry().name() + "', not the signed default"));
        }
    }

    private void add(Finding finding) {
        boolean known = findings.stream().anyMatch(f -> f.file().equals(finding.file()) && f.getClass() == finding.getClass());
        if (!known) {
            findings.add(finding);
        }
    }

    /** Paths as the owner knows them: relative to /boot, without find's "./". */
    static String display(String path) {
        return path.startsWith("./") ? path.substring(2) : path;
    }
}
