package dev.custody.cli.rom;

import dev.custody.firmware.cbfs.CbfsEditor;
import java.io.IOException;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;

/** {@code --region} and {@code --output}: one change to ROM's CBFS, written back over ROM unless --output. */
final class CbfsEdit {
    @Mixin RegionOption region;

    @Mixin RomOutput output;

    void apply(RomImage rom, UnaryOperator<CbfsEditor> change) throws IOException {
        output.write(rom, change.apply(CbfsEditor.of(rom.read(), region.region)).bytes());
    }
}
