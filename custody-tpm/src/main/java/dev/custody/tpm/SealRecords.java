package dev.custody.tpm;

import dev.custody.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where seal records live: in {@code --state-dir} if given, beside a virtual TPM's state (so they
 * travel with it), otherwise in {@code $CUSTODY_STATE_DIR} or {@code /var/lib/custody}. Records
 * hold no secrets.
 */
public final class SealRecords {
    private static final String STATE_VARIABLE = "CUSTODY_STATE_DIR";
    private static final Path DEFAULT_STATE = Path.of("/var/lib/custody");

    private final Path folder;

    public SealRecords(Path folder) {
        this.folder = folder;
    }

    public static SealRecords forTpm(TpmSpec spec, Path stateDirectory) {
        return new SealRecords(stateDirectory(spec, stateDirectory).resolve("seal-records"));
    }

    /**
     * Where Custody keeps its records for a TPM: {@code explicit} (from the command line) when
     * given, beside a virtual TPM's state, else {@code $CUSTODY_STATE_DIR}, else /var/lib/custody.
     */
    public static Path stateDirectory(TpmSpec spec, Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        if (spec instanceof TpmSpec.Virtual virtual) {
            return virtual.directory();
        }
        String state = System.getenv(STATE_VARIABLE);
        return state != null && !state.isBlank() ? Path.of(state) : DEFAULT_STATE;
    }

    public void save(SealRecord record) {
        AtomicFiles.writeString(file(record.handle()), record.format());
    }

    public Optional<SealRecord> find(int handle) {
        Path file = file(handle);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SealRecord.parse(Files.readString(file)));
        } catch (IOException | IllegalArgumentException e) {
            throw new TpmException("the seal record " + file + " is unreadable: " + e.getMessage());
        }
    }

    /** Forgets every record: after the TPM was cleared, none of the sealed objects exists any more. */
    public void forgetAll() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var records = Files.list(folder)) {
            for (Path record : records.filter(f -> f.getFileName().toString().endsWith(".seal")).toList()) {
                Files.delete(record);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the seal records in " + folder, e);
        }
    }

    private Path file(int handle) {
        return folder.resolve(String.format("0x%08x.seal", handle));
    }
}
