package dev.custody.machine.lab;

import dev.custody.common.AtomicFiles;
import dev.custody.firmware.BlankImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.cbfs.CbfsType;
import dev.custody.firmware.cbfs.Compression;
import dev.custody.firmware.cbfs.NewCbfsFile;
import dev.custody.firmware.heads.ConfigUser;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.LabMachine;
import dev.custody.tpm.TpmInfo;
import dev.custody.tpm.tpm12.VirtualTpm12;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Builds a lab machine: ROM, /boot, LUKS2 disk image and a place for its virtual TPM. */
public final class LabCreator {
    static final int ROM_SIZE = 1 << 20;
    private static final String DISK_SIZE = "20M";

    private LabCreator() {}

    public static LabMachine create(Path directory) {
        return create(directory, TpmInfo.FAMILY_2_0);
    }

    /**
     * With a TPM of {@code family}: "2.0", or "1.2", made by swtpm_setup as a ThinkPad x230 leaves
     * the factory (endorsement key, no owner, physical presence by command).
     */
    public static LabMachine create(Path directory, String family) {
        if (!family.equals(TpmInfo.FAMILY_2_0) && !family.equals(TpmInfo.FAMILY_1_2)) {
            throw new IllegalArgumentException("unknown TPM version '" + family + "' (use 2.0 or 1.2)");
        }
        LabMachine lab = new LabMachine(directory);
        refuseExisting(lab.directory());
        try {
            Files.createDirectories(lab.directory());
            AtomicFiles.write(lab.rom(), rom());
            writeBoot(lab.bootDirectory());
            Files.createDirectories(lab.directory().resolve("tpm"));
            if (family.equals(TpmInfo.FAMILY_1_2)) {
                VirtualTpm12.manufacture(lab.directory().resolve("tpm"));
            }
            createDisk(lab.disk(), lab.recoveryPassphrase());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lab machine in " + directory, e);
        }
        return lab;
    }

    public static void refuseExisting(Path directory) {
        try (var entries = Files.exists(directory) ? Files.list(directory) : java.util.stream.Stream.<Path>empty()) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException(directory + " already exists and is not empty; "
                        + "choose a new folder for the lab machine");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
    }

    /**
     * The files an x86 coreboot image has, stages compressed as coreboot compresses them, plus
     * Heads' settings. The owner's keyring is added when the owner creates a key.
     */
    static byte[] rom() {
        CbfsEditor editor = CbfsEditor.of(BlankImage.create(ROM_SIZE), Optional.empty())
                .add(new NewCbfsFile("bootblock", CbfsType.Known.BOOTBLOCK, LabContents.standIn("bootblock", 16 * 1024),
                        Compression.NONE, 0, false))
                .add(new NewCbfsFile("fallback/romstage", CbfsType.Known.RAW,
                        LabContents.standIn("fallback/romstage", 48 * 1024), Compression.LZ4, 0, false))
                .add(new NewCbfsFile("fallback/ramstage", CbfsType.Known.RAW,
                        LabContents.standIn("fallback/ramstage", 96 * 1024), Compression.LZMA, 0, false))
                .add(new NewCbfsFile("fallback/payload", CbfsType.Known.RAW,
                        LabContents.standIn("fallback/payload", 160 * 1024), Compression.LZMA, 0, false))
                .add(NewCbfsFile.raw("config", LabContents.corebootConfig()))
                .add(NewCbfsFile.raw("revision", LabContents.revision()));
        ConfigUser settings = ConfigUser.empty()
                .with("CONFIG_BOOT_DEV", "/dev/sda1")
                .with("CONFIG_AUTO_BOOT_TIMEOUT", "5");
        return HeadsFiles.withConfigUser(editor, settings).bytes();
    }

    private static void writeBoot(Path boot) throws IOException {
        Files.createDirectories(boot.resolve("grub2"));
        Files.write(boot.resolve(LabContents.KERNEL), LabContents.standIn("kernel", 96 * 1024));
        Files.write(boot.resolve(LabContents.INITRD), LabContents.standIn("initrd", 192 * 1024));
        Files.write(boot.resolve(LabContents.XEN), LabContents.standIn("xen", 64 * 1024));
        Files.writeString(boot.resolve(LabContents.GRUB_CONFIG), LabContents.grubConfig(), StandardCharsets.US_ASCII);
    }

    /**
     * A real LUKS2 container, with PBKDF2 at a low iteration count so that the lab stays quick;
     * a real disk uses cryptsetup's defaults (Argon2id).
     */
    public static void createDisk(Path disk, Path recoveryPassphrase) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        AtomicFiles.writePrivate(recoveryPassphrase, HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII));
        run(List.of("truncate", "-s", DISK_SIZE, disk.toString()));
        run(List.of("cryptsetup", "luksFormat", "--batch-mode", "--type", "luks2", "--pbkdf", "pbkdf2",
                "--pbkdf-force-iterations", "1000", "--key-file", recoveryPassphrase.toString(), disk.toString()));
    }

    public static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output.lines().reduce((a, b) -> b).orElse(""));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage()
                    + "); bin/setup installs it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
