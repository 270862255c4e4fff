package dev.custody.cli.tpm;

import dev.custody.common.Secret;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.SealedSecrets;
import dev.custody.tpm.Tpm;
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
public final class UnsealCommand implements Callable<Integer> {
    @Mixin TpmOptions tpmOptions;

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    static final class Source {
        @Option(names = "--handle", paramLabel = "H", converter = HexHandle.class,
                description = "The persistent handle of the sealed object.")
        Integer handle;

        @Option(names = "--blob", paramLabel = "FILE", description = "A sealed blob written by 'seal --blob'.") Path blob;
    }

    @Option(names = "--pcrs", converter = PcrList.class, paramLabel = "LIST",
            description = "PCRs the secret is sealed to; needed only for secrets Custody did not seal itself.")
    String pcrs;

    @Option(names = "--auth-file", paramLabel = "F", description = "The passphrase, if the secret needs one.") Path authFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the secret ('-' for stdout).") Path out;

    @Override
    public Integer call() {
        List<Integer> pcrList = pcrs == null ? List.of() : PcrPolicy.parseList(pcrs);
        try (Secret auth = SecretFiles.passphrase(authFile); Tpm tpm = tpmOptions.open()) {
            SealedSecrets secrets = new SealedSecrets(tpm, tpmOptions.sealRecords());
            try (Secret secret = source.handle != null ? secrets.unseal(source.handle, pcrList, auth)
                    : secrets.unsealFile(source.blob, pcrList, auth)) {
                SecretFiles.write(out, secret);
            }
        }
        return 0;
    }
}
