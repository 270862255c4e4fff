package dev.custody.machine.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The guest's initramfs, built by initramfs-tools' mkinitramfs from a root where Custody's package
 * is installed ({@code bin/package --root DIR}, or / where the .deb is installed): its hook and
 * boot scripts under usr/share/initramfs-tools go into a private configuration folder, with the
 * modules the QEMU guest needs (virtio disk, dm-crypt, fw_cfg for the passphrase; the TPM drivers
 * are built into Debian's kernel). The hook runs with CUSTODY_ROOT set to that root, so that it
 * copies Custody from there rather than from this computer's /usr, and with no seal records (see GuestState).
 */
public final class GuestInitramfs {
    public static final String ROOT_VARIABLE = "CUSTODY_ROOT";
    static final List<String> MODULES = List.of("virtio_pci", "virtio_blk", "dm_crypt", "qemu_fw_cfg");
    private static final Path TOOLS = Path.of("usr/share/initramfs-tools");

    private GuestInitramfs() {}

    /** The version part of a kernel file's name (vmlinuz-6.1.0-57-amd64), whose modules must be installed here. */
    public static String kernelVersion(Path kernel) {
        String name = kernel.getFileName().toString();
        if (!name.startsWith("vmlinuz-")) {
            throw new IllegalArgumentException(kernel + " is not named vmlinuz-VERSION, so its modules cannot be found");
        }
        String version = name.substring("vmlinuz-".length());
        if (!Files.isDirectory(Path.of("/lib/modules", version))) {
            throw new IllegalArgumentException("the modules of " + kernel + " are not in /lib/modules/" + version);
        }
        return version;
    }

    /** Refuses a folder where Custody's package is not installed, before anything is built from it. */
    public static void requirePackage(Path packageRoot) {
        if (!Files.isRegularFile(packageRoot.resolve(TOOLS).resolve("hooks/custody"))) {
            throw new IllegalArgumentException(packageRoot + " has no Custody initramfs hook (" + TOOLS.resolve("hooks/custody")
                    + "); install the package there with 'bin/package --root " + packageRoot + "'");
        }
    }

    public static void build(Path packageRoot, String kernelVersion, Path out) {
        requirePackage(packageRoot);
        Path tools = packageRoot.resolve(TOOLS);
        Path conf = null;
        try {
            conf = Files.createTempDirectory("custody-initramfs-conf");
            Files.writeString(conf.resolve("initramfs.conf"), "MODULES=list\nBUSYBOX=y\nCOMPRESS=zstd\nKEYMAP=n\n"
                    + "FSTYPE=auto\nRUNSIZE=10%\n", StandardCharsets.US_ASCII);
            Files.writeString(conf.resolve("modules"), String.join("\n", MODULES) + "\n", StandardCharsets.US_ASCII);
            copyTree(tools.resolve("hooks"), conf.resolve("hooks"));
            copyTree(tools.resolve("scripts"), conf.resolve("scripts"));
            // Empty on purpose: the hook would copy this computer's own seal records; a power-on appends the machine's.
            Path empty = Files.createDirectories(conf.resolve("empty"));
            run(List.of("mkinitramfs", "-d", conf.toString(), "-o", out.toAbsolutePath().toString(), kernelVersion),
                    Map.of(ROOT_VARIABLE, packageRoot.toAbsolutePath().toString(), "CUSTODY_STATE_DIR", empty.toString(),
                            "CUSTODY_BOOT_DIR", empty.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare mkinitramfs's configuration", e);
        } finally {
            if (conf != null) {
                QemuBoot.deleteTree(conf);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output.lines().reduce((a, b) -> b).orElse(""));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage() + "); install it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
