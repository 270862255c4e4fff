package dev.custody.boot.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.common.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key initrd against GNU cpio, which must read the appended archive as Heads' own cpio output. */
class KeyInitrdTest {
    private static final List<KeyDevice> DEVICES = List.of(
            new KeyDevice("/dev/sda2", Path.of("/dev/sda2"), "11111111-2222-3333-4444-555555555555"),
            new KeyDevice("/dev/sdb1", Path.of("/dev/sdb1"), "66666666-7777-8888-9999-000000000000"));

    @TempDir
    Path work;

    @Test
    void withoutOverridesBothCrypttabsGetOneLinePerDeviceAsHeadsWritesThem() {
        Map<String, String> files = KeyInitrd.crypttabs(DEVICES, Optional.empty());
        String expected = "luks-11111111-2222-3333-4444-555555555555 UUID=11111111-2222-3333-4444-555555555555 /secret.key luks,discard\n"
                + "luks-66666666-7777-8888-9999-000000000000 UUID=66666666-7777-8888-9999-000000000000 /secret.key luks,discard\n";
        assertThat(files).containsExactly(Map.entry("./etc/crypttab", expected), Map.entry("./cryptroot/crypttab", expected));
    }

    @Test
    void overridesReplaceTheInitrdsOwnCrypttabLineByLine() {
        String overrides = "/etc/crypttab:luks-abc UUID=abc /secret.key discard\n"
                + "/etc/crypttab:luks-def UUID=def /secret.key discard\n"
                + "/cryptroot/crypttab:root UUID=abc /secret.key luks\n";
        assertThat(KeyInitrd.crypttabs(DEVICES, Optional.of(overrides))).containsExactly(
                Map.entry("./etc/crypttab", "luks-abc UUID=abc /secret.key discard\nluks-def UUID=def /secret.key discard\n"),
                Map.entry("./cryptroot/crypttab", "root UUID=abc /secret.key luks\n"));
    }

    @Test
    void theInitrdIsPaddedTo512BytesAndGnuCpioListsAndExtractsTheKey() throws Exception {
        byte[] initrd = new byte[1000];
        Arrays.fill(initrd, (byte) 0x5a);
        Path original = Files.write(work.resolve("initramfs.img"), initrd);
        byte[] keyBytes = new byte[128];
        new java.security.SecureRandom().nextBytes(keyBytes);
        Path out = work.resolve("state/initrd-with-key.img");
        try (Secret key = Secret.copyOf(keyBytes)) {
            KeyInitrd.write(List.of(original), key, KeyInitrd.crypttabs(DEVICES, Optional.empty()), out);
        }
        assertThat(original).hasBinaryContent(initrd);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        byte[] combined = Files.readAllBytes(out);
        assertThat(combined.length % 512).isZero();
        assertThat(Arrays.copyOf(combined, 1000)).isEqualTo(initrd);
        assertThat(Arrays.copyOfRange(combined, 1000, 1024)).containsOnly(0);
        assertThat(new String(combined, 1024, 6, StandardCharsets.US_ASCII)).isEqualTo("070701");

        Path cpio = Files.write(work.resolve("key.cpio"), Arrays.copyOfRange(combined, 1024, combined.length));
        assertThat(new String(cpio(cpio, "-t", "-v"), StandardCharsets.US_ASCII)).contains("-r--------").contains("./secret.key");
        assertThat(new String(cpio(cpio, "-t"), StandardCharsets.US_ASCII).lines().toList())
                .containsExactly("./secret.key", "./etc/crypttab", "./cryptroot/crypttab");
        assertThat(cpio(cpio, "-i", "--to-stdout", "./secret.key")).isEqualTo(keyBytes);
        assertThat(new String(cpio(cpio, "-i", "--to-stdout", "./cryptroot/crypttab"), StandardCharsets.US_ASCII))
                .startsWith("luks-11111111-2222-3333-4444-555555555555 UUID=");
    }

    /** GNU cpio's own archive of the same tree ends on the same 512-byte boundary. */
    @Test
    void theArchiveIsPaddedLikeGnuCpioOutput() throws Exception {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (Secret key = Secret.copyOf(new byte[128])) {
            KeyInitrd.writeCpio(key, KeyInitrd.crypttabs(DEVICES.subList(0, 1), Optional.empty()), ours);
        }
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.write(tree.resolve("secret.key"), new byte[128]);
        for (var file : KeyInitrd.crypttabs(DEVICES.subList(0, 1), Optional.empty()).entrySet()) {
            Path path = tree.resolve(file.getKey().substring(2));
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Process gnu = new ProcessBuilder("sh", "-c", "printf './secret.key\\n./etc/crypttab\\n./cryptroot/crypttab\\n' | cpio -H newc -o")
                .directory(tree.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] reference = gnu.getInputStream().readAllBytes();
        assertThat(gnu.waitFor()).isZero();
        assertThat(ours.size()).isEqualTo(reference.length);
    }

    private byte[] cpio(Path archive, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("cpio"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectInput(archive.toFile()).directory(work.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}
