package dev.custody.cli.disk;

import picocli.CommandLine.Command;

@Command(name = "disk-key", mixinStandardHelpOptions = true,
        description = {"The disk unlock key, as Heads has it: 128 random bytes in LUKS2 keyslot 31, sealed in the",
            "TPM to PCRs 0-7 (the LUKS header is measured into PCR 6) and to a passphrase."})
public final class DiskKeyCommand {}
