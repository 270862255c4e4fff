package dev.custody.cli.tpm;

import dev.custody.tpm.PcrPolicy;
import java.util.List;
import picocli.CommandLine.Option;

/** The guard every sealing command shares: no secret sealed to a PCR software can reset, unless asked for. */
public final class SealingPcrs {
    @Option(names = "--allow-resettable-pcrs",
            description = {"Seal even to PCRs 16-23, which can be reset without a power cycle (16 and 23 by any",
                "program), so that the secret protects nothing; for tests only."})
    boolean allowResettable;

    /** {@code pcrs} when none of them is resettable, or when the user said they know. */
    public List<Integer> checked(List<Integer> pcrs) {
        return PcrPolicy.forSealing(pcrs, allowResettable, warning -> System.err.println("custody: warning: " + warning));
    }
}
