package dev.custody.cli.attest;

import dev.custody.tpm.PcrPolicy;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --pcrs} for unsealing a TOTP/HOTP secret Custody holds no record of. */
final class SealedPcrsOption {
    @Option(names = "--pcrs", paramLabel = "LIST",
            description = "The PCRs the secret is sealed to, e.g. 0,1,2,3,4,7; only needed for a secret sealed by another"
                    + " tool with other PCRs than Heads' (Custody's own seal record, else Heads' 0,1,2,3,4,7, is the default).")
    String pcrs;

    List<Integer> list() {
        return pcrs == null ? List.of() : PcrPolicy.parseList(pcrs);
    }
}
