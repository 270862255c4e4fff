package dev.custody.boot.manifest;

import dev.custody.boot.fs.FileType;
import dev.custody.boot.fs.NoFollow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The top-level kexec* names of /boot, which Heads' lists leave out of the hashes and the tree.
 * Only the files Heads and Custody write may carry such a name: every other file or folder named
 * kexec* would be content that no signature covers. The set is Heads' (initrd/bin/kexec-*.sh,
 * seal-hotpkey.sh, oem-factory-reset.sh) plus Custody's; kexec_hotp_counter is the one file that
 * Heads keeps outside the signature on purpose, as it changes at every boot.
 */
public final class KexecNames {
    private static final Set<String> KNOWN = Set.of(KexecFiles.HASHES, KexecFiles.TREE, KexecFiles.DEFAULT_HASHES,
            KexecFiles.ROLLBACK, KexecFiles.SIGNATURE, RootHashes.FILE, "kexec_key_devices.txt", "kexec_key_lvm.txt",
            "kexec_lukshdr_hash.txt", "kexec_primhdl_hash.txt", "kexec_initrd_crypttab_overrides.txt",
            "kexec_iso_add.txt", "kexec_iso_remove.txt", "kexec_package_trigger_pre.txt",
            "kexec_package_trigger_post.txt", "kexec_hotp_counter");
    private static final Pattern DEFAULT = Pattern.compile("kexec_default\\.\\d{1,6}\\.txt");

    private KexecNames() {}

    /** One finding for every top-level kexec* name that is not a known file, or not a regular one. */
    public static List<Finding> check(Path boot) {
        List<Finding> findings = new ArrayList<>();
        for (Path path : topLevel(boot)) {
            String name = path.getFileName().toString();
            FileType type = NoFollow.type(path);
            if (Staging.isStagingName(name)) {
                findings.add(Staging.whyNotOurs(path).<Finding>map(why -> new Finding.UnsignedKexec(name, why))
                        .orElseGet(() -> new Finding.StaleStaging(name)));
            } else if (!isKnown(name)) {
                findings.add(new Finding.UnsignedKexec(name, "is " + type.description()
                        + " with a kexec* name that Heads and Custody do not write, so no signature covers it"));
            } else if (type != FileType.REGULAR) {
                findings.add(new Finding.UnsignedKexec(name, "is " + type.description() + ", not a regular file;"
                        + " it is not opened or followed"));
            }
        }
        return findings;
    }

    public static boolean isKnown(String name) {
        return KNOWN.contains(name) || DEFAULT.matcher(name).matches();
    }

    static List<Path> topLevel(Path boot) {
        try (Stream<Path> list = Files.list(boot)) {
            return list.filter(p -> p.getFileName().toString().startsWith("kexec")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + boot, e);
        }
    }
}
