package dev.custody.machine.lab;

import dev.custody.machine.LabMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Earlier signed states of the lab's /boot, kept so that the rollback attack can be staged:
 * an attacker who copied /boot before an update restores it afterwards. Only the TPM's rollback
 * counter tells the two apart.
 */
public final class BootHistory {
    private static final String SIGNATURE = "kexec.sig";

    private final Path folder;

    private BootHistory(Path folder) {
        this.folder = folder;
    }

    public static BootHistory of(LabMachine lab) {
        return new BootHistory(lab.stateDirectory().resolve("boot-history"));
    }

    /** Keeps a copy of a signed /boot unless the newest copy already has the same signature. */
    public void remember(Path boot) {
        try {
            keep(boot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a copy of " + boot, e);
        }
    }

    private void keep(Path boot) throws IOException {
        Path signature = boot.resolve(SIGNATURE);
        if (!Files.exists(signature)) {
            return;
        }
        List<Path> kept = snapshots();
        if (!kept.isEmpty() && Arrays.equals(Files.readAllBytes(kept.getLast().resolve(SIGNATURE)),
                Files.readAllBytes(signature))) {
            return;
        }
        copyTree(boot, folder.resolve(String.format("%04d", kept.size() + 1)));
    }

    void restoreOldest(Path boot) throws IOException {
        List<Path> kept = snapshots();
        if (kept.size() < 2) {
            throw new IllegalStateException("there is no older signed /boot to roll back to yet: "
                    + "sign /boot, power on, sign it again and power on, then try again");
        }
        deleteTree(boot);
        copyTree(kept.getFirst(), boot);
    }

    private List<Path> snapshots() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
