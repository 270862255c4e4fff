package dev.custody.tpm;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Custody remembers about a secret it sealed: the policy and the PCR values it was sealed
 * to. Unsealing needs the PCR list, and when the TPM refuses, the values say which PCRs changed.
 *
 * <p>The record needs no signature of its own: {@link #matches} checks it against the policy
 * digest inside the TPM's object, and no other PCR values produce that digest. On a TPM 1.2 the
 * values are SHA-1 and the "policy digest" is the sealed blob's TPM_COMPOSITE_HASH
 * (digestAtRelease), computed over the same PCR selection Custody seals with.
 */
public record SealRecord(int handle, PcrPolicy policy, SortedMap<Integer, byte[]> values) {
    private static final String HEADER = "custody-seal-record 1";
    private static final HexFormat HEX = HexFormat.of();

    public SealRecord {
        values = new TreeMap<>(values);
    }

    /** SHA-1 for a record of a TPM 1.2 seal (20-byte values), else SHA-256. */
    public PcrBank bank() {
        return values.values().stream().allMatch(v -> v.length == PcrBank.SHA1.digestLength())
                && !values.isEmpty() ? PcrBank.SHA1 : PcrBank.SHA256;
    }

    public byte[] policyDigest() {
        return bank() == PcrBank.SHA1
                ? dev.custody.tpm.tpm12.PcrSelection.of(policy.pcrs()).compositeHash(values)
                : policy.digest(values);
    }

    public boolean matches(byte[] objectPolicy) {
        return java.security.MessageDigest.isEqual(policyDigest(), objectPolicy);
    }

    /** PCRs whose current value differs from the value at sealing time. */
    public List<Integer> changedPcrs(Map<Integer, byte[]> current) {
        List<Integer> changed = new ArrayList<>();
        for (var entry : values.entrySet()) {
            if (!java.util.Arrays.equals(entry.getValue(), current.get(entry.getKey()))) {
                changed.add(entry.getKey());
            }
        }
        return changed;
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append(String.format("handle 0x%08x%n", handle));
        out.append("pcrs ").append(bank().label()).append(':').append(policy.pcrList()).append('\n');
        out.append("auth-value ").append(policy.withAuthValue() ? "yes" : "no").append('\n');
        values.forEach((pcr, value) -> out.append("pcr ").append(pcr).append(' ').append(HEX.formatHex(value)).append('\n'));
        return out.toString();
    }

    public static SealRecord parse(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("not a Custody seal record");
        }
        Integer handle = null;
        List<Integer> pcrs = null;
        boolean withAuth = false;
        SortedMap<Integer, byte[]> values = new TreeMap<>();
        for (int number = 2; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            String[] field = line.split(" ");
            try {
                switch (field[0]) {
                    case "handle" -> handle = Integer.parseUnsignedInt(field[1].substring(2), 16);
                    case "pcrs" -> pcrs = PcrPolicy.parseList(field[1].substring(field[1].indexOf(':') + 1));
                    case "auth-value" -> withAuth = field[1].equals("yes");
                    case "pcr" -> values.put(Integer.parseInt(field[1]), HEX.parseHex(field[2]));
                    default -> throw new IllegalArgumentException("unknown line");
                }
            } catch (RuntimeException e) {
                // NumberFormatException and friends speak Java; say which line is wrong instead.
                throw new IllegalArgumentException("seal record line " + number + " is malformed");
            }
        }
        if (handle == null || pcrs == null) {
            throw new IllegalArgumentException("seal record lacks its handle or PCR list");
        }
        for (int pcr : pcrs) {
            if (!values.containsKey(pcr)) {
                throw new IllegalArgumentException("seal record lacks the value PCR " + pcr + " was sealed to");
            }
        }
        try {
            return new SealRecord(handle, new PcrPolicy(pcrs, withAuth), values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seal record: " + e.getMessage());
        }
    }
}
