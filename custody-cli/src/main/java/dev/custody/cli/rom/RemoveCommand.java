package dev.custody.cli.rom;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a file from the image's CBFS.")
public final class RemoveCommand implements Callable<Integer> {
    @Mixin RomImage rom;

    @Option(names = "--name", required = true, description = "The CBFS name.") String name;

    @Mixin CbfsEdit edit;

    @Override
    public Integer call() throws Exception {
        edit.apply(rom, editor -> editor.remove(name));
        return 0;
    }
}
