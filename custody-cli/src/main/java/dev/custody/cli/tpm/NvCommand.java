package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.Tpm;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nv", mixinStandardHelpOptions = true,
        description = {"Define, read, write and delete TPM NV storage.",
            "NV records survive reboots and cannot be rolled back by copying files."},
        subcommands = {NvCommand.Define.class, NvCommand.Read.class, NvCommand.Write.class, NvCommand.Undefine.class})
public final class NvCommand {

    @Command(name = "define", mixinStandardHelpOptions = true, description = "Create an NV index of a fixed size.")
    static final class Define extends NvSlot.Defining {
        @Option(names = "--size", required = true, paramLabel = "BYTES", converter = NvSize.class,
                description = "The index's size in bytes (1-65535; TPMs usually allow up to 2048).")
        int size;

        @Override
        public Integer call() {
            define((tpm, owner) -> tpm.defineNv(nv.index, size, owner), JsonOutput.object("index", nv.name(), "size", size),
                    String.format("Defined NV index %s (%d bytes).", nv.name(), size));
            return 0;
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Print an NV index's contents as hex.")
    static final class Read implements Callable<Integer> {
        @Mixin NvSlot nv;

        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            try (Tpm tpm = nv.open()) {
                String hex = HexFormat.of().formatHex(tpm.readNv(nv.index));
                json.print(JsonOutput.object("index", nv.name(), "data", hex), hex);
            }
            return 0;
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true, description = "Write text into an NV index.")
    static final class Write implements Callable<Integer> {
        @Mixin NvSlot nv;

        @Option(names = "--data", required = true, paramLabel = "TEXT") String data;

        @Option(names = "--offset", paramLabel = "BYTES", defaultValue = "0") int offset;

        @Override
        public Integer call() {
            try (Tpm tpm = nv.open()) {
                tpm.writeNv(nv.index, data.getBytes(StandardCharsets.UTF_8), offset);
            }
            return 0;
        }
    }

    @Command(name = "undefine", mixinStandardHelpOptions = true, description = "Delete an NV index.")
    static final class Undefine implements Callable<Integer> {
        @Mixin NvSlot nv;

        @Mixin PassphraseOptions.Owner ownerAuth;

        @Override
        public Integer call() {
            ownerAuth.withTpm(nv::open, (tpm, owner) -> tpm.undefineNv(nv.index, owner));
            return 0;
        }
    }
}
