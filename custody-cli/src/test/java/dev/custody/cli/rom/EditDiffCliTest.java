package dev.custody.cli.rom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.firmware.CorebootTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditDiffCliTest {
    @TempDir
    Path dir;

    @Test
    void addConfigRemoveAndDiff() throws Exception {
        Path original = Files.copy(InspectExtractCliTest.CORPUS_ROM, dir.resolve("original.rom"));
        Path edited = dir.resolve("edited.rom");
        Path key = Files.writeString(dir.resolve("pubring.kbx"), "not really a keyring\n".repeat(50));
        assertThat(CliRun.of("rom", "add", original.toString(), "--name", "heads/initrd/.gnupg/pubring.kbx", "--file",
                key.toString(), "--compression", "lz4", "--output", edited.toString()).exitCode()).isZero();
        assertThat(CliRun.of("rom", "config", edited.toString(), "--set", "CONFIG_AUTO_BOOT_TIMEOUT=7", "CONFIG_BOOT_DEV=/dev/sda1")
                .exitCode()).isZero();
        assertThat(CliRun.of("rom", "config", edited.toString(), "--set", "CONFIG_AUTO_BOOT_TIMEOUT=5").exitCode()).isZero();
        CliRun config = CliRun.of("rom", "config", edited.toString());
        assertThat(config.stdout()).isEqualTo("CONFIG_AUTO_BOOT_TIMEOUT=5\nCONFIG_BOOT_DEV=/dev/sda1\n");

        Path extracted = dir.resolve("key.out");
        CorebootTools.run(dir, "cbfstool", edited.toString(), "extract", "-n", "heads/initrd/.gnupg/pubring.kbx",
                "-f", extracted.toString());
        assertThat(Files.readString(extracted)).isEqualTo(Files.readString(key));

        CliRun diff = CliRun.of("rom", "diff", original.toString(), edited.toString(), "--json");
        assertThat(diff.exitCode()).isZero();
        assertThat(CliRun.of("rom", "diff", original.toString(), edited.toString(), "--exit-code").exitCode()).isEqualTo(3);
        assertThat(diff.stdout()).contains("\"name\": \"COREBOOT/heads/initrd/.gnupg/pubring.kbx\",\n      \"change\": \"added\"")
                .contains("\"name\": \"COREBOOT/heads/initrd/etc/config.user\"");

        assertThat(CliRun.of("rom", "remove", edited.toString(), "--name", "heads/initrd/.gnupg/pubring.kbx").exitCode()).isZero();
        assertThat(CliRun.of("rom", "remove", edited.toString(), "--name", "heads/initrd/etc/config.user").exitCode()).isZero();
        CliRun same = CliRun.of("rom", "diff", original.toString(), edited.toString(), "--exit-code");
        assertThat(same.exitCode()).as(same.stdout()).isZero();
        assertThat(Files.readAllBytes(edited)).isEqualTo(Files.readAllBytes(original));
    }

    @Test
    void badEditsAreRefusedWithOneLine() throws IOException {
        Path rom = Files.copy(InspectExtractCliTest.CORPUS_ROM, dir.resolve("rom.bin"));
        byte[] before = Files.readAllBytes(rom);
        CliRun wrongType = CliRun.of("rom", "add", rom.toString(), "--name", "x", "--file", rom.toString(), "--type", "blob");
        assertThat(wrongType.exitCode()).isEqualTo(1);
        assertThat(wrongType.stderr()).startsWith("custody: unknown CBFS type 'blob'");
        CliRun tooBig = CliRun.of("rom", "add", rom.toString(), "--name", "x", "--file", rom.toString());
        assertThat(tooBig.stderr()).startsWith("custody: no room for 'x'");
        CliRun badSetting = CliRun.of("rom", "config", rom.toString(), "--set", "BOOT_DEV=/dev/sda");
        assertThat(badSetting.stderr()).contains("is not a Heads setting name");
        assertThat(Files.readAllBytes(rom)).isEqualTo(before);
        assertThat(new String(Files.readAllBytes(rom), StandardCharsets.ISO_8859_1)).doesNotContain("config.user");
    }
}
