package dev.custody.cli.tpm;

import dev.custody.common.Secret;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.SealedBlob;
import dev.custody.tpm.SealedSecrets;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "unseal", mixinStandardHelpOptions = true,
        description = {"Unseal a secret through a PCR policy session.",
            "If the PCRs changed since sealing, says which.",
            "The secret comes back from the TPM encrypted and is written readable by its owner only (0600)."})
final class UnsealCommand implements Callable<Integer> {
    @Mixin
    TpmOptions tpmOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--handle", paramLabel = "H", converter = HexHandle.class,
                description = "The persistent handle of the sealed object.")
        Integer handle;

        @Option(names = "--blob", paramLabel = "FILE", description = "A sealed blob written by 'seal --blob'.")
        Path blob;
    }

    @Option(names = "--pcrs", converter = PcrList.class, paramLabel = "LIST",
            description = "PCRs the secret is sealed to; needed only for secrets Custody did not seal itself.")
    String pcrs;

    @Option(names = "--auth-file", paramLabel = "F", description = "The passphrase, if the secret needs one.")
    Path authFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the secret ('-' for stdout).")
    Path out;

    @Override
    public Integer call() {
        List<Integer> pcrList = pcrs == null ? List.of() : PcrPolicy.parseList(pcrs);
        TpmSpec spec = tpmOptions.resolve();
        try (Secret auth = SecretFiles.passphrase(authFile); Tpm tpm = Tpms.open(spec)) {
            try (Secret secret = unseal(tpm, spec, pcrList, auth)) {
                SecretFiles.write(out, secret);
            }
        }
        return 0;
    }

    private Secret unseal(Tpm tpm, TpmSpec spec, List<Integer> pcrList, Secret auth) {
        if (source.handle != null) {
            return new SealedSecrets(tpm, tpmOptions.sealRecords()).unseal(source.handle, pcrList, auth);
        }
        if (pcrList.isEmpty()) {
            throw new IllegalArgumentException("unsealing a blob needs --pcrs");
        }
        try {
            SealedBlob blob = SealedBlob.parse(Files.readAllBytes(source.blob));
            return tpm.unseal(blob, new PcrPolicy(pcrList, !auth.isEmpty()), auth);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.blob, e);
        }
    }
}
