package dev.custody.cli.rom;

import dev.custody.firmware.cbfs.CbfsType;
import dev.custody.firmware.cbfs.Compression;
import dev.custody.firmware.cbfs.NewCbfsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a file to the image's CBFS (replacing one of the same name with --replace).")
public final class AddCommand implements Callable<Integer> {
    @Mixin RomImage rom;

    @Option(names = "--name", required = true, description = "The CBFS name, e.g. heads/initrd/.gnupg/pubring.kbx.") String name;

    @Option(names = "--file", required = true, paramLabel = "F", description = "The file's contents.") Path file;

    @Option(names = "--type", defaultValue = "raw", description = "cbfstool's type name (default: ${DEFAULT-VALUE}).") String type;

    @Option(names = "--compression", defaultValue = "none", description = "none, lzma or lz4 (default: ${DEFAULT-VALUE}).") String compression;

    @Option(names = "--align", defaultValue = "0", description = "Align the data to this many bytes in the image.") int alignment;

    @Option(names = "--hash", description = "Add a SHA-256 hash attribute (always added when the image has a CBFS verification anchor).")
    boolean hash;

    @Option(names = "--replace", description = "Replace an existing file of the same name.") boolean replace;

    @Mixin CbfsEdit edit;

    @Override
    public Integer call() throws Exception {
        CbfsType cbfsType = CbfsType.named(type).orElseThrow(() -> new IllegalArgumentException(
                "unknown CBFS type '" + type + "' (use cbfstool's names, e.g. raw, microcode, optionrom)"));
        NewCbfsFile newFile = new NewCbfsFile(name, cbfsType, Files.readAllBytes(file), Compression.named(compression),
                alignment, hash);
        edit.apply(rom, editor -> replace ? editor.replace(newFile) : editor.add(newFile));
        return 0;
    }
}
