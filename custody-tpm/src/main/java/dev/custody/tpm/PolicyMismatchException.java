package dev.custody.tpm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The TPM refused to unseal because the policy is not satisfied: the machine's measurements
 * are not what they were when the secret was sealed.
 */
public final class PolicyMismatchException extends TpmException {
    private final PcrPolicy policy;
    private final String code;

    public PolicyMismatchException(PcrPolicy policy, ResponseCode code) {
        this(policy, code.name(), "");
    }

    /** The refusal as a TPM of another family names it (TPM 1.2: TPM_WRONGPCRVAL). */
    public PolicyMismatchException(PcrPolicy policy, String codeName) {
        this(policy, codeName, "");
    }

    private PolicyMismatchException(PcrPolicy policy, String code, String detail) {
        super(code + ": the measured state (" + (policy.pcrs().size() == 1 ? "PCR " : "PCRs ")
                + policy.pcrList() + ") differs from when this secret was sealed" + detail);
        this.policy = policy;
        this.code = code;
    }

    /** The same refusal, now naming the PCRs that changed since sealing. */
    public PolicyMismatchException withChangedPcrs(List<Integer> changed) {
        if (changed.isEmpty()) {
            return new PolicyMismatchException(policy, code,
                    "; the sealed PCRs hold their recorded values, so the passphrase or the policy itself differs");
        }
        String list = changed.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new PolicyMismatchException(policy, code, "; changed since sealing: PCR " + list);
    }

    public PcrPolicy policy() {
        return policy;
    }
}
