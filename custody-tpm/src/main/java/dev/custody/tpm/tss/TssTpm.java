package dev.custody.tpm.tss;

import static dev.custody.tpm.tss.TssConnection.algorithm;
import static dev.custody.tpm.tss.TssConnection.capability;
import static dev.custody.tpm.tss.TssConnection.indices;
import static dev.custody.tpm.tss.TssConnection.selection;

import dev.custody.common.Secret;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.DictionaryAttackParameters;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.LockoutState;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.ProtectedCredential;
import dev.custody.tpm.Quote;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.SealedBlob;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmCapacity;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.TpmInfo;
import dev.custody.tpm.session.PasswordAuthorization;
import dev.custody.tpm.session.SaltedSession;
import dev.custody.tpm.session.SessionedTpm;
import dev.custody.tpm.transport.PowerControl;
import dev.custody.tpm.transport.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import tss.tpm.GetCapabilityResponse;
import tss.tpm.TPML_PCR_SELECTION;
import tss.tpm.TPML_TAGGED_TPM_PROPERTY;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_TAGGED_PROPERTY;
import tss.tpm.TPMT_HA;
import tss.tpm.TPM_CAP;
import tss.tpm.TPM_HANDLE;

/**
 * {@link Tpm} on TSS.Java's marshalling, with our own transports and session layer. This class
 * answers PCR, randomness and information requests itself and hands each other concern to its
 * collaborator: {@link TssSealing}, {@link TssNvStorage}, {@link TssHierarchies} (ownership) and
 * {@link TssAttestation} (quotes), which share one {@link TssConnection}.
 */
public final class TssTpm implements Tpm {
    /** Where Heads (and Custody) keep the storage primary key. */
    public static final int STORAGE_KEY_HANDLE = 0x81000000;
    private static final int MAX_RANDOM_PER_CALL = 32;
    private static final int PT_FAMILY_INDICATOR = 0x100;
    private static final int PT_REVISION = 0x102;
    private static final int PT_MANUFACTURER = 0x105;
    private static final int PT_VENDOR_STRING_1 = 0x106;
    private static final int PT_FIRMWARE_VERSION_1 = 0x10B;
    private static final int PT_FIRMWARE_VERSION_2 = 0x10C;
    private static final int PT_NV_INDEX_MAX = 0x117;
    private static final int PT_PERMANENT = 0x200;
    private static final int PT_STARTUP_CLEAR = 0x201;
    private static final int PT_HR_TRANSIENT_AVAIL = 0x207;
    private static final int PT_HR_PERSISTENT_AVAIL = 0x209;
    private static final int PT_NV_COUNTERS_AVAIL = 0x20B;
    private static final int PERMANENT_DISABLE_CLEAR = 0x100;
    private static final int STARTUP_CLEAR_PH_ENABLE = 0x1;
    private static final int PT_LOCKOUT_COUNTER = 0x20E;
    private static final int PT_MAX_AUTH_FAIL = 0x20F;
    private static final int PT_LOCKOUT_INTERVAL = 0x210;
    private static final int PT_LOCKOUT_RECOVERY = 0x211;
    private static final int PERMANENT_IN_LOCKOUT = 0x200;

    private final SessionedTpm tpm;
    private final Transport transport;
    private final Runnable afterClose;
    private final TssConnection connection;
    private final TssHierarchies hierarchies;
    private final TssSealing sealing;
    private final TssNvStorage nv;
    private final TssAttestation attestation;

    /** {@code afterClose} runs once the transport is closed, e.g. to stop a TPM we started. */
    public TssTpm(Transport transport, Runnable afterClose) {
        this(transport, afterClose, new SessionedTpm(transport));
    }

    /** As above, with warnings (one line each) going to {@code warnings} instead of stderr. */
    public TssTpm(Transport transport, Runnable afterClose, Consumer<String> warnings) {
        this(transport, afterClose, new SessionedTpm(transport, warnings));
    }

    private TssTpm(Transport transport, Runnable afterClose, SessionedTpm tpm) {
        this.transport = transport;
        this.afterClose = afterClose;
        this.tpm = tpm;
        this.connection = new TssConnection(tpm);
        this.hierarchies = new TssHierarchies(connection);
        this.sealing = new TssSealing(connection, hierarchies);
        this.nv = new TssNvStorage(connection);
        this.attestation = new TssAttestation(connection);
    }

    @Override
    public String describe() {
        return transport.describe();
    }

    // ---- PCRs, randomness, information -------------------------------------------------------

    @Override
    public SortedMap<Integer, byte[]> readPcrs(PcrBank bank, Collection<Integer> pcrs) {
        SortedMap<Integer, byte[]> values = new TreeMap<>();
        TreeSet<Integer> remaining = new TreeSet<>(pcrs);
        while (!remaining.isEmpty()) {
            var read = tpm.PCR_Read(new TPMS_PCR_SELECTION[] {selection(bank, remaining)});
            List<Integer> returned = read.pcrSelectionOut.length == 0
                    ? List.of() : indices(read.pcrSelectionOut[0].pcrSelect);
            if (returned.isEmpty()) {
                throw new TpmException("the TPM has no " + bank.label() + " values for PCRs " + remaining
                        + " (is the " + bank.label() + " bank allocated?)");
            }
            for (int i = 0; i < returned.size(); i++) {
                values.put(returned.get(i), read.pcrValues[i].buffer);
                remaining.remove(returned.get(i));
            }
        }
        return values;
    }

    @Override
    public void extend(int pcr, Map<PcrBank, byte[]> digests) {
        TPMT_HA[] hashes = digests.entrySet().stream()
                .map(e -> {
                    if (e.getValue().length != e.getKey().digestLength()) {
                        throw new IllegalArgumentException("a " + e.getKey().label() + " digest has "
                                + e.getKey().digestLength() + " bytes, not " + e.getValue().length);
                    }
                    return new TPMT_HA(algorithm(e.getKey()), e.getValue());
                })
                .toArray(TPMT_HA[]::new);
        tpm.authorize(PasswordAuthorization.EMPTY).PCR_Extend(TPM_HANDLE.pcr(pcr), hashes);
    }

    @Override
    public Secret random(int length) {
        byte[] out = new byte[length];
        try (SaltedSession session = connection.hmacSession()) {
            for (int done = 0; done < length; ) {
                byte[] chunk = tpm.authorize(session).GetRandom(Math.min(MAX_RANDOM_PER_CALL, length - done));
                if (chunk.length == 0) {
                    throw new TpmException("the TPM returned no random bytes");
                }
                System.arraycopy(chunk, 0, out, done, chunk.length);
                done += chunk.length;
                Arrays.fill(chunk, (byte) 0);
            }
        }
        return Secret.adopt(out);
    }

    @Override
    public List<PcrBank> activeBanks() {
        GetCapabilityResponse caps = tpm.GetCapability(TPM_CAP.PCRS, 0, 1);
        List<PcrBank> banks = new ArrayList<>();
        for (TPMS_PCR_SELECTION selection : capability(caps, TPML_PCR_SELECTION.class).pcrSelections) {
            boolean allocated = false;
            for (byte b : selection.pcrSelect) {
                allocated |= b != 0;
            }
            if (allocated) {
                PcrBank.ofAlgorithm(selection.hash.toInt()).ifPresent(banks::add);
            }
        }
        return banks;
    }

    @Override
    public TpmInfo info() {
        Map<Integer, Integer> fixed = properties(PT_FAMILY_INDICATOR, 64);
        Map<Integer, Integer> variable = properties(PT_PERMANENT, 32);
        StringBuilder vendor = new StringBuilder();
        for (int p = PT_VENDOR_STRING_1; p < PT_VENDOR_STRING_1 + 4; p++) {
            vendor.append(ascii(fixed.getOrDefault(p, 0)));
        }
        int fw1 = fixed.getOrDefault(PT_FIRMWARE_VERSION_1, 0);
        int fw2 = fixed.getOrDefault(PT_FIRMWARE_VERSION_2, 0);
        String firmware = String.format("%d.%d.%d.%d", fw1 >>> 16, fw1 & 0xffff, fw2 >>> 16, fw2 & 0xffff);
        String spec = ascii(fixed.getOrDefault(PT_FAMILY_INDICATOR, 0)) + " revision "
                + fixed.getOrDefault(PT_REVISION, 0) / 100.0;
        return new TpmInfo(ascii(fixed.getOrDefault(PT_MANUFACTURER, 0)), vendor.toString().strip(), firmware, spec,
                activeBanks(), lockout(variable));
    }

    @Override
    public TpmCapacity capacity() {
        Map<Integer, Integer> fixed = properties(PT_FAMILY_INDICATOR, 64);
        Map<Integer, Integer> variable = properties(PT_PERMANENT, 32);
        int permanent = variable.getOrDefault(PT_PERMANENT, 0);
        return new TpmCapacity(variable.getOrDefault(PT_HR_TRANSIENT_AVAIL, 0),
                variable.getOrDefault(PT_HR_PERSISTENT_AVAIL, 0), fixed.getOrDefault(PT_NV_INDEX_MAX, 0),
                variable.getOrDefault(PT_NV_COUNTERS_AVAIL, 0),
                (variable.getOrDefault(PT_STARTUP_CLEAR, 0) & STARTUP_CLEAR_PH_ENABLE) != 0,
                (permanent & PERMANENT_DISABLE_CLEAR) != 0, (permanent & PERMANENT_IN_LOCKOUT) != 0);
    }

    private static LockoutState lockout(Map<Integer, Integer> variable) {
        return new LockoutState((variable.getOrDefault(PT_PERMANENT, 0) & PERMANENT_IN_LOCKOUT) != 0,
                variable.getOrDefault(PT_LOCKOUT_COUNTER, 0), variable.getOrDefault(PT_MAX_AUTH_FAIL, 0),
                variable.getOrDefault(PT_LOCKOUT_INTERVAL, 0), variable.getOrDefault(PT_LOCKOUT_RECOVERY, 0));
    }

    private Map<Integer, Integer> properties(int first, int count) {
        GetCapabilityResponse caps = tpm.GetCapability(TPM_CAP.TPM_PROPERTIES, first, count);
        Map<Integer, Integer> values = new HashMap<>();
        for (TPMS_TAGGED_PROPERTY property : capability(caps, TPML_TAGGED_TPM_PROPERTY.class).tpmProperty) {
            values.put(property.property.toInt(), property.value);
        }
        return values;
    }

    private static String ascii(int fourChars) {
        byte[] bytes = ByteBuffer.allocate(4).putInt(fourChars).array();
        return new String(bytes, StandardCharsets.US_ASCII).replace("\0", "").strip();
    }

    // ---- Sealing -----------------------------------------------------------------------------

    @Override
    public SealRecord sealPersistent(SealRequest request, Map<Integer, byte[]> pcrValues, PersistentSlot slot) {
        return sealing.sealPersistent(request, pcrValues, slot);
    }

    @Override
    public SealedBlob sealToBlob(SealRequest request, Map<Integer, byte[]> pcrValues) {
        return sealing.sealToBlob(request, pcrValues);
    }

    @Override
    public Secret unseal(int handle, PcrPolicy policy, Secret auth) {
        return sealing.unseal(handle, policy, auth);
    }

    @Override
    public Secret unseal(SealedBlob blob, PcrPolicy policy, Secret auth) {
        return sealing.unseal(blob, policy, auth);
    }

    @Override
    public Optional<byte[]> objectPolicy(int handle) {
        return sealing.objectPolicy(handle);
    }

    // ---- Persistent objects and hierarchies ----------------------------------------------------

    @Override
    public boolean authorizes(Hierarchy hierarchy, Secret auth) {
        return hierarchies.authorizes(hierarchy, auth);
    }

    @Override
    public List<Integer> persistentHandles() {
        return hierarchies.persistentHandles();
    }

    @Override
    public void evict(int persistentHandle, Secret ownerAuth) {
        hierarchies.evict(persistentHandle, ownerAuth);
    }

    @Override
    public void clear(Secret lockoutAuth) {
        hierarchies.clear(lockoutAuth);
    }

    @Override
    public void clearAsPlatform(Secret platformAuth) {
        hierarchies.clearAsPlatform(platformAuth);
    }

    @Override
    public void changeAuth(Hierarchy hierarchy, Secret current, Secret next) {
        hierarchies.changeAuth(hierarchy, current, next);
    }

    @Override
    public void setDictionaryAttackParameters(DictionaryAttackParameters parameters, Secret lockoutAuth) {
        hierarchies.setDictionaryAttackParameters(parameters, lockoutAuth);
    }

    @Override
    public void resetDictionaryAttack(Secret lockoutAuth) {
        hierarchies.resetDictionaryAttack(lockoutAuth);
    }

    // ---- NV storage and counters ---------------------------------------------------------------

    @Override
    public void defineNv(int index, int size, Secret ownerAuth) {
        nv.defineNv(index, size, ownerAuth);
    }

    @Override
    public boolean nvIndexExists(int index) {
        return nv.nvIndexExists(index);
    }

    @Override
    public byte[] readNv(int index) {
        return nv.readNv(index);
    }

    @Override
    public void writeNv(int index, byte[] data, int offset) {
        nv.writeNv(index, data, offset);
    }

    @Override
    public void undefineNv(int index, Secret ownerAuth) {
        nv.undefineNv(index, ownerAuth);
    }

    @Override
    public void defineCounter(int index, Secret ownerAuth) {
        nv.defineCounter(index, ownerAuth);
    }

    @Override
    public long incrementCounter(int index) {
        return nv.incrementCounter(index);
    }

    @Override
    public long readCounter(int index) {
        return nv.readCounter(index);
    }

    // ---- Attestation ---------------------------------------------------------------------------

    @Override
    public AttestationKey createAttestationKey(Secret ownerAuth) {
        return attestation.createAttestationKey(ownerAuth);
    }

    @Override
    public Quote quote(AttestationKey key, byte[] nonce, PcrBank bank, Collection<Integer> pcrs) {
        return attestation.quote(key, nonce, bank, pcrs);
    }

    @Override
    public byte[] endorsementKeyPublic(Secret endorsementAuth) {
        return attestation.endorsementKeyPublic(endorsementAuth);
    }

    @Override
    public Secret activateCredential(AttestationKey key, ProtectedCredential credential, Secret endorsementAuth) {
        return attestation.activateCredential(key, credential, endorsementAuth);
    }

    // ---- Power and closing ---------------------------------------------------------------------

    @Override
    public Optional<PowerControl> powerControl() {
        if (!(transport instanceof PowerControl power)) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            power.powerCycle();
            connection.afterPowerCycle();
        });
    }

    @Override
    public void close() {
        try {
            connection.forgetSaltKey();
        } finally {
            transport.close();
            afterClose.run();
        }
    }
}
