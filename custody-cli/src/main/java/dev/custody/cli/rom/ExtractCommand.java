package dev.custody.cli.rom;

import dev.custody.common.AtomicFiles;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.elf.ElfArchitecture;
import dev.custody.firmware.elf.Extraction;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Write one CBFS file's contents to a file, as cbfstool extract does: decompressed, and",
            "stages and payloads as ELF files for --arch; with --stored, the bytes as stored."})
public final class ExtractCommand implements Callable<Integer> {
    @Mixin RomImage rom;

    @Option(names = "--name", required = true, description = "The CBFS file name, e.g. fallback/romstage.") String name;

    @Option(names = "--output", required = true, paramLabel = "F", description = "Where to write the contents.") Path output;

    @Option(names = "--stored", description = "Write the bytes as stored (compressed), like cbfstool extract -U.") boolean stored;

    @Option(names = "--arch", paramLabel = "ARCH", converter = ArchitectureName.class,
            defaultValue = "x86",
            description = {"The machine of the ELF file a stage or payload becomes, as cbfstool's -m:",
                "x86 (the default: Heads and the lab machines are x86), arm, arm64, mips or riscv."})
    ElfArchitecture architecture;

    @Mixin RegionOption region;

    @Override
    public Integer call() throws Exception {
        CbfsFile file = rom.read().cbfs(region.region).require(name);
        AtomicFiles.write(output, stored ? file.data() : Extraction.contents(file, Optional.of(architecture)));
        return 0;
    }

    /** cbfstool's architecture names, compared ignoring case as cbfstool does. */
    static final class ArchitectureName implements ITypeConverter<ElfArchitecture> {
        @Override
        public ElfArchitecture convert(String value) {
            return ElfArchitecture.named(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not an architecture cbfstool writes ELF files for (x86, arm, arm64, mips, riscv)"));
        }
    }
}
