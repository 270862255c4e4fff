package dev.custody.machine.qemu;

import dev.custody.machine.QemuMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * What the guest's Custody finds where it would on a laptop whose initramfs hook copied it in:
 * the seal records and the logs of the sealing boots in /var/lib/custody, the disk key's records
 * (kexec_key_devices.txt, kexec_lukshdr_hash.txt) in /boot. Appended to the guest initramfs as
 * an uncompressed newc cpio at each power-on, so sealing on the host needs no new initramfs.
 * Secrets are not in it: the owner's saved secrets stay on the host.
 */
final class GuestState {
    static final String GUEST_STATE = "var/lib/custody/";
    static final String GUEST_BOOT = "boot/";
    private static final List<String> SEALING_LOGS = List.of("totp-sealed-eventlog.bin", "disk-key-sealed-eventlog.bin");
    private static final int BLOCK = 512;
    /**
     * The archive is zero-padded to this size, which the kernel's unpacker skips: QEMU writes the
     * initrd's size into the kernel's setup header, so OVMF's PCR 4 digest of the kernel changes
     * with it, and sealing must not change the next boot's measurements.
     */
    static final int AREA = 1 << 20;

    private GuestState() {}

    static void appendTo(QemuMachine machine, Path out) {
        try (OutputStream stream = Files.newOutputStream(out)) {
            long size;
            try (InputStream initrd = Files.newInputStream(machine.initrd())) {
                size = initrd.transferTo(stream);
            }
            stream.write(new byte[(int) (padded(size) - size)]);
            java.io.ByteArrayOutputStream archive = new java.io.ByteArrayOutputStream();
            writeCpio(files(machine), archive);
            if (archive.size() > AREA) {
                throw new IllegalStateException("the seal records of " + machine.directory() + " take more than "
                        + AREA / 1024 + " KiB");
            }
            archive.writeTo(stream);
            stream.write(new byte[AREA - archive.size()]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the guest initramfs for this power-on to " + out, e);
        }
    }

    /** The size of what {@link #appendTo} writes, whatever the seal records: it decides what OVMF measures for the kernel. */
    static long initrdSize(QemuMachine machine) {
        try {
            return padded(Files.size(machine.initrd())) + AREA;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the guest initramfs " + machine.initrd(), e);
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** Archive names (without a leading slash) and their host files. */
    static Map<String, Path> files(QemuMachine machine) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Path records = machine.stateDirectory().resolve("seal-records");
        for (Path record : regularFiles(records)) {
            files.put(GUEST_STATE + "seal-records/" + record.getFileName(), record);
        }
        for (String log : SEALING_LOGS) {
            Path file = machine.stateDirectory().resolve(log);
            if (Files.isRegularFile(file)) {
                files.put(GUEST_STATE + log, file);
            }
        }
        for (Path file : regularFiles(machine.bootDirectory())) {
            files.put(GUEST_BOOT + file.getFileName(), file);
        }
        return files;
    }

    private static List<Path> regularFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void writeCpio(Map<String, Path> files, OutputStream out) throws IOException {
        CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW, BLOCK,
                StandardCharsets.US_ASCII.name());
        int inode = 1;
        List<String> folders = new ArrayList<>();
        for (String name : files.keySet()) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                String folder = name.substring(0, slash);
                if (!folders.contains(folder)) {
                    folders.add(folder);
                    CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, folder, 0);
                    entry.setMode(CpioConstants.C_ISDIR | 0755);
                    entry.setInode(inode++);
                    entry.setNumberOfLinks(2);
                    cpio.putArchiveEntry(entry);
                    cpio.closeArchiveEntry();
                }
            }
            byte[] content = Files.readAllBytes(files.get(name));
            CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name, content.length);
            entry.setMode(CpioConstants.C_ISREG | 0600);
            entry.setInode(inode++);
            entry.setNumberOfLinks(1);
            cpio.putArchiveEntry(entry);
            cpio.write(content);
            cpio.closeArchiveEntry();
        }
        cpio.finish();
    }
}
