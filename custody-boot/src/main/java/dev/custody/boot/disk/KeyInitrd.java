package dev.custody.boot.disk;

import dev.custody.common.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * The initrd that carries the disk unlock key to the booted kernel, built as Heads'
 * kexec-insert-key.sh builds it: the kernel's initrd padded with zeros to a 512-byte boundary
 * ({@code dd bs=512 conv=sync}, since dracut does not pad its last compressed part and the kernel
 * would not find the archive after it), then an uncompressed newc cpio made by
 * {@code find . -type f | cpio -H newc -o} in a folder holding {@code secret.key} and the crypttab
 * files that point at {@code /secret.key}. The kernel unpacks both archives into one root, so
 * the later files replace the initrd's own crypttab.
 */
public final class KeyInitrd {
    public static final String KEY_ENTRY = "./secret.key";
    /** Where dracut and initramfs-tools look for crypttab; Heads writes both when it knows neither. */
    static final List<String> DEFAULT_CRYPTTABS = List.of("etc/crypttab", "cryptroot/crypttab");
    private static final int BLOCK = 512;
    private static final int KEY_MODE = 0400;
    private static final int FILE_MODE = 0644;

    private KeyInitrd() {}

    /**
     * The crypttab files of the key cpio, by their names in the archive ({@code ./etc/crypttab}).
     * With kexec_initrd_crypttab_overrides.txt ({@code <file>:<crypttab line>} lines, the initrd's
     * own entries with {@code none} replaced by {@code /secret.key}) those lines are used;
     * otherwise one {@code luks-UUID UUID=UUID /secret.key luks,discard} line per device in both
     * usual places.
     */
    public static Map<String, String> crypttabs(List<KeyDevice> devices, Optional<String> overrides) {
        Map<String, String> files = new LinkedHashMap<>();
        if (overrides.isPresent()) {
            for (String line : overrides.get().lines().filter(l -> !l.isBlank()).toList()) {
                // Heads splits with awk -F ':': the file is the first field, the entry the last.
                String[] fields = line.split(":", -1);
                String file = "./" + fields[0].replaceFirst("^/+", "");
                files.merge(file, fields[fields.length - 1] + "\n", String::concat);
            }
            return files;
        }
        for (String file : DEFAULT_CRYPTTABS) {
            StringBuilder text = new StringBuilder();
            devices.forEach(d -> text.append("luks-").append(d.uuid()).append(" UUID=").append(d.uuid())
                    .append(" /secret.key luks,discard\n"));
            files.put("./" + file, text.toString());
        }
        return files;
    }

    /**
     * Writes {@code initrds} (each padded to 512 bytes) followed by the key cpio to {@code out},
     * readable by its owner only, replacing it atomically. The initrds themselves are only read.
     */
    public static void write(List<Path> initrds, Secret key, Map<String, String> crypttabs, Path out) {
        Path temp = null;
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            temp = Files.createTempFile(out.toAbsolutePath().getParent(), "." + out.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream stream = java.nio.channels.Channels.newOutputStream(channel)) {
                for (Path initrd : initrds) {
                    copyPadded(initrd, stream);
                }
                writeCpio(key, crypttabs, stream);
                channel.force(true);
            }
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the initrd with the disk unlock key to " + out, e);
        } finally {
            Cryptsetup.wipe(temp);
        }
    }

    /** The key cpio alone: newc, 4-byte aligned, padded to 512-byte blocks as GNU cpio pads it. */
    static void writeCpio(Secret key, Map<String, String> crypttabs, OutputStream out) throws IOException {
        // Not closed: closing would close the caller's stream; finish() writes the trailer and the padding.
        CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(new NonClosing(out), CpioConstants.FORMAT_NEW, BLOCK,
                StandardCharsets.US_ASCII.name());
        int inode = 1;
        add(cpio, KEY_ENTRY, KEY_MODE, key.bytes(), inode++);
        for (var file : crypttabs.entrySet()) {
            add(cpio, file.getKey(), FILE_MODE, file.getValue().getBytes(StandardCharsets.UTF_8), inode++);
        }
        cpio.finish();
    }

    private static void add(CpioArchiveOutputStream cpio, String name, int mode, byte[] content, int inode) throws IOException {
        CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name, content.length);
        entry.setMode(CpioConstants.C_ISREG | mode);
        entry.setInode(inode);
        entry.setNumberOfLinks(1);
        entry.setTime(0);
        cpio.putArchiveEntry(entry);
        cpio.write(content);
        cpio.closeArchiveEntry();
    }

    private static void copyPadded(Path initrd, OutputStream out) throws IOException {
        long size;
        try (InputStream in = Files.newInputStream(initrd)) {
            size = in.transferTo(out);
        }
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(new byte[padding]);
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
