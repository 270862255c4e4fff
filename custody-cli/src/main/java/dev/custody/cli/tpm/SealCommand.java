package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.common.Secret;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.SealedSecret;
import dev.custody.tpm.SealedSecrets;
import dev.custody.tpm.Tpm;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Seal a secret to the current PCR values.",
            "The TPM releases it only while those SHA-256 PCRs are unchanged (and, with --auth-file,",
            "only with that passphrase).",
            "The data and passphrase travel to the TPM encrypted."})
public final class SealCommand implements Callable<Integer> {
    @Mixin TpmOptions tpmOptions;

    @Option(names = "--pcrs", converter = PcrList.class, required = true, paramLabel = "LIST", description = "PCRs to seal to, e.g. 0,1,2,3,4,7.")
    String pcrs;

    @Option(names = "--auth-file", paramLabel = "F", description = "Also require the passphrase in this file.") Path authFile;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The secret to seal (at most 128 bytes).") Path in;

    @ArgGroup(exclusive = true, multiplicity = "1") Destination destination;

    static final class Destination {
        @Option(names = "--handle", paramLabel = "0x81xxxxxx", converter = HexHandle.class,
                description = "Make the sealed object persistent in the TPM at this handle.")
        Integer handle;

        @Option(names = "--blob", paramLabel = "OUT", description = "Write the sealed object to this file instead.") Path blob;
    }

    @Option(names = "--replace", description = "Replace an object already at --handle.") boolean replace;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        PcrPolicy policy = new PcrPolicy(PcrPolicy.parseList(pcrs), authFile != null);
        try (Secret data = Secret.readData(in);
             Secret auth = SecretFiles.passphrase(authFile);
             Secret ownerAuth = ownerPassphrase.read();
             Tpm tpm = tpmOptions.open()) {
            SealRequest request = SealRequest.of(data, policy).withAuth(auth).withOwnerAuth(ownerAuth);
            SealedSecrets secrets = new SealedSecrets(tpm, tpmOptions.sealRecords());
            SealedSecret sealed = destination.handle == null ? secrets.sealToFile(request, destination.blob)
                    : secrets.sealAt(request, replace ? PersistentSlot.replacing(destination.handle)
                            : PersistentSlot.refusingToReplace(destination.handle));
            output.print(sealed.toJson(), sealed.text());
        }
        return 0;
    }
}
