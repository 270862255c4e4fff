package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.cbfs.NewCbfsFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlankImageTest {
    @TempDir
    Path work;

    @Test
    void cbfstoolReadsTheBlankImageAndWhatCustodyAddsToIt() throws Exception {
        FirmwareImage blank = BlankImage.create(1 << 20);
        assertThat(blank.fmap()).isPresent();
        assertThat(blank.cbfs(Optional.empty()).files()).allMatch(f -> f.isEmptySpace());

        byte[] edited = CbfsEditor.of(blank, Optional.empty())
                .add(NewCbfsFile.raw("fallback/romstage", "romstage".getBytes(StandardCharsets.US_ASCII)))
                .bytes();
        Path rom = work.resolve("rom.bin");
        Files.write(rom, edited);
        String listing = run("cbfstool", rom.toString(), "print");
        assertThat(listing).contains("fallback/romstage").contains("raw");
        Path out = work.resolve("romstage");
        run("cbfstool", rom.toString(), "extract", "-n", "fallback/romstage", "-f", out.toString());
        assertThat(Files.readString(out)).isEqualTo("romstage");
    }

    @Test
    void refusesSizesNoFlashChipHas() {
        assertThatThrownBy(() -> BlankImage.create(100_000)).hasMessageContaining("power of two");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
