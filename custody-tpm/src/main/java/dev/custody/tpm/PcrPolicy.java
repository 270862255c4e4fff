package dev.custody.tpm;

import dev.custody.common.TerminalText;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A sealing policy: TPM2_PolicyPCR over chosen SHA-256 PCRs, optionally followed by
 * TPM2_PolicyAuthValue so that a passphrase is needed as well. The digest is computed in
 * software exactly as the TPM (and {@code tpm2_createpolicy --policy-pcr}) computes it.
 */
public record PcrPolicy(List<Integer> pcrs, boolean withAuthValue) {
    public static final int HIGHEST_PCR = 23;
    /**
     * PCRs whose value can be put back without a power cycle (PC Client profile): 16 (debug) and 23
     * (application) by any program at locality 0, 17-22 by a dynamic launch (DRTM). A secret
     * sealed to them is released to whoever resets and replays them.
     */
    public static final List<Integer> RESETTABLE_PCRS = List.of(16, 17, 18, 19, 20, 21, 22, 23);
    public static final String RESETTABLE_REASON = "can be reset without a power cycle (16 and 23 by any program,"
            + " 17-22 by a dynamic launch), so a secret sealed to them protects nothing";
    private static final int CC_POLICY_PCR = 0x0000017F;
    private static final int CC_POLICY_AUTH_VALUE = 0x0000016B;
    private static final int SELECT_BYTES = 3;

    public PcrPolicy {
        pcrs = List.copyOf(new TreeSet<>(pcrs));
        if (pcrs.isEmpty()) {
            throw new IllegalArgumentException("a PCR policy needs at least one PCR");
        }
        for (int pcr : pcrs) {
            checkIndex(pcr);
        }
    }

    /** The PCRs of {@code pcrs} that software can reset: see {@link #RESETTABLE_PCRS}. */
    /**
     * {@code pcrs} to seal a secret to: refused when one of them is resettable, since the secret
     * would then protect nothing, unless {@code allowResettable} (for tests), when {@code warn} hears why.
     */
    public static List<Integer> forSealing(List<Integer> pcrs, boolean allowResettable, Consumer<String> warn) {
        List<Integer> resettable = resettable(pcrs);
        if (!resettable.isEmpty() && !allowResettable) {
            throw new IllegalArgumentException("--pcrs: PCRs " + resettable + " " + RESETTABLE_REASON
                    + "; seal to PCRs 0-7, or give --allow-resettable-pcrs for a test");
        }
        if (!resettable.isEmpty()) {
            warn.accept("sealing to resettable PCRs " + resettable + ": anyone who can run a program on this machine"
                    + " can replay them");
        }
        return pcrs;
    }

    public static List<Integer> resettable(List<Integer> pcrs) {
        return pcrs.stream().filter(RESETTABLE_PCRS::contains).sorted().distinct().toList();
    }

    /** Parses "0,1,2,3,4,7" or ranges such as "0-7". */
    public static List<Integer> parseList(String text) {
        List<Integer> pcrs = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            try {
                int dash = item.indexOf('-');
                if (dash > 0) {
                    int from = Integer.parseInt(item.substring(0, dash).strip());
                    int to = Integer.parseInt(item.substring(dash + 1).strip());
                    if (checkIndex(from) > checkIndex(to)) {
                        // "7-0" taken as nothing would seal to fewer PCRs than the owner asked for
                        throw new IllegalArgumentException("PCR range " + from + "-" + to + " runs backwards (write "
                                + to + "-" + from + ")");
                    }
                    for (int pcr = from; pcr <= to; pcr++) {
                        pcrs.add(checkIndex(pcr));
                    }
                } else {
                    pcrs.add(checkIndex(Integer.parseInt(item)));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + TerminalText.escape(text)
                        + "' is not a PCR list (write e.g. 0,2,4,7 or 0-7)");
            }
        }
        return List.copyOf(new TreeSet<>(pcrs));
    }

    private static int checkIndex(int pcr) {
        if (pcr < 0 || pcr > HIGHEST_PCR) {
            throw new IllegalArgumentException("PCR " + pcr + " does not exist (PCRs are numbered 0-" + HIGHEST_PCR + ")");
        }
        return pcr;
    }

    /** The PCRs as a TPMS_PCR_SELECTION bitmap (three bytes, PCR 0 in the lowest bit). */
    public byte[] bitmap() {
        byte[] select = new byte[SELECT_BYTES];
        for (int pcr : pcrs) {
            select[pcr / 8] |= (byte) (1 << (pcr % 8));
        }
        return select;
    }

    /** TPML_PCR_SELECTION with one SHA-256 selection, as marshalled into the policy digest. */
    public byte[] selectionBytes() {
        return ByteBuffer.allocate(4 + 2 + 1 + SELECT_BYTES)
                .putInt(1).putShort((short) PcrBank.SHA256.algorithmId()).put((byte) SELECT_BYTES).put(bitmap())
                .array();
    }

    /** The policy digest a session reaches when the PCRs hold {@code values}. */
    public byte[] digest(Map<Integer, byte[]> values) {
        byte[] digest = new byte[PcrBank.SHA256.digestLength()];
        digest = PcrBank.SHA256.hash(digest, intBytes(CC_POLICY_PCR), selectionBytes(), pcrDigest(values));
        if (withAuthValue) {
            digest = PcrBank.SHA256.hash(digest, intBytes(CC_POLICY_AUTH_VALUE));
        }
        return digest;
    }

    private byte[] pcrDigest(Map<Integer, byte[]> values) {
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (int pcr : pcrs) {
            byte[] value = values.get(pcr);
            if (value == null || value.length != PcrBank.SHA256.digestLength()) {
                throw new IllegalArgumentException("no SHA-256 value given for PCR " + pcr);
            }
            concatenated.writeBytes(value);
        }
        return PcrBank.SHA256.hash(concatenated.toByteArray());
    }

    public String pcrList() {
        return pcrs.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static byte[] intBytes(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
