package dev.custody.firmware.heads;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.NewCbfsFile;
import java.util.List;
import java.util.Optional;

/**
 * The owner's files Heads keeps in CBFS: the GnuPG keyring and trust database, and the
 * config.user settings. All are raw, uncompressed files, as Heads' flash scripts add them.
 */
public final class HeadsFiles {
    public static final String PREFIX = "heads/";
    public static final String INITRD_PREFIX = "heads/initrd";
    public static final String PUBRING = "heads/initrd/.gnupg/pubring.kbx";
    public static final String TRUSTDB = "heads/initrd/.gnupg/trustdb.gpg";
    public static final String CONFIG_USER = "heads/initrd/etc/config.user";

    private HeadsFiles() {}

    /** Every {@code heads/} file of the primary CBFS, in CBFS order; none when there is no CBFS. */
    public static List<CbfsFile> ownerFiles(FirmwareImage image) {
        return image.cbfs().stream().filter(c -> c.region().equals(Cbfs.DEFAULT_REGION))
                .flatMap(c -> c.files().stream()).filter(f -> f.name().startsWith(PREFIX)).toList();
    }

    public static ConfigUser configUser(FirmwareImage image) {
        return image.cbfs(Optional.empty()).file(CONFIG_USER).map(f -> ConfigUser.parse(f.contents()))
                .orElseGet(ConfigUser::empty);
    }

    public static CbfsEditor withConfigUser(CbfsEditor editor, ConfigUser config) {
        return editor.replace(NewCbfsFile.raw(CONFIG_USER, config.toBytes()));
    }

    public static CbfsEditor withKeyring(CbfsEditor editor, byte[] pubring, Optional<byte[]> trustdb) {
        CbfsEditor withPubring = editor.replace(NewCbfsFile.raw(PUBRING, pubring));
        return trustdb.map(t -> withPubring.replace(NewCbfsFile.raw(TRUSTDB, t))).orElse(withPubring);
    }

    /**
     * Copies every {@code heads/} file of {@code current} into {@code next}, replacing any that
     * {@code next} has: Heads' "retain settings" on flashing.
     */
    public static byte[] carryOver(FirmwareImage current, FirmwareImage next) {
        CbfsEditor editor = CbfsEditor.of(next, Optional.empty());
        for (CbfsFile file : ownerFiles(current)) {
            editor = editor.replace(new NewCbfsFile(file.name(), file.type(), file.contents(), file.compression(), 0,
                    file.hash().isPresent()));
        }
        return editor.bytes();
    }
}
