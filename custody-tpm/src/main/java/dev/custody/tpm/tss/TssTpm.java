package dev.custody.tpm.tss;

import dev.custody.common.Secret;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.DictionaryAttackParameters;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.LockoutState;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.PolicyMismatchException;
import dev.custody.tpm.ProtectedCredential;
import dev.custody.tpm.Quote;
import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.SealedBlob;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmCapacity;
import dev.custody.tpm.TpmCommandException;
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
import java.util.function.Supplier;
import tss.tpm.CreateResponse;
import tss.tpm.GetCapabilityResponse;
import tss.tpm.TPM2B_PRIVATE;
import tss.tpm.TPM2B_PUBLIC;
import tss.tpm.TPMA_NV;
import tss.tpm.TPML_HANDLE;
import tss.tpm.TPML_PCR_SELECTION;
import tss.tpm.TPML_TAGGED_TPM_PROPERTY;
import tss.tpm.TPMS_ID_OBJECT;
import tss.tpm.TPMS_NULL_SIG_SCHEME;
import tss.tpm.TPMS_NV_PUBLIC;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMS_TAGGED_PROPERTY;
import tss.tpm.TPMT_HA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SIGNATURE;
import tss.tpm.TPMT_SYM_DEF;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_CAP;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;
import tss.tpm.TPM_SE;

/** {@link Tpm} on TSS.Java's marshalling, with our own transports and session layer. */
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
    private static final int NV_OWNERWRITE = 0x2;
    private static final int NV_AUTHWRITE = 0x4;
    private static final int NV_COUNTER = 0x10;
    private static final int NV_OWNERREAD = 0x20000;
    private static final int NV_AUTHREAD = 0x40000;

    private final SessionedTpm tpm;
    private final Transport transport;
    private final Runnable afterClose;
    private TPM_HANDLE saltKey;
    private TPMT_PUBLIC saltKeyPublic;
    private boolean saltKeyIsTransient;

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
        try (SaltedSession session = hmacSession()) {
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

    @Override
    public boolean authorizes(Hierarchy hierarchy, Secret auth) {
        var trial = tpm.StartAuthSession(TPM_HANDLE.from(TPM_RH.NULL), TPM_HANDLE.from(TPM_RH.NULL),
                nonce(), new byte[0], TPM_SE.TRIAL, new TPMT_SYM_DEF(TPM_ALG_ID.NULL, 0, TPM_ALG_ID.NULL),
                TPM_ALG_ID.SHA256);
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).PolicySecret(hierarchy(hierarchy, auth), trial.handle, new byte[0], new byte[0],
                    new byte[0], 0);
            return true;
        } catch (TpmCommandException e) {
            if (e.code().is(ResponseCode.BAD_AUTH) || e.code().is(ResponseCode.AUTH_FAIL)) {
                return false;
            }
            throw e;
        } finally {
            tpm.flushQuietly(trial.handle);
        }
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[32];
        new java.security.SecureRandom().nextBytes(nonce);
        return nonce;
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
        int handle = slot.handle();
        Secret ownerAuth = request.ownerAuth();
        PcrPolicy policy = request.policy();
        checkPersistentHandle(handle);
        boolean occupied = readPublic(handle).isPresent();
        if (occupied && !slot.replaces()) {
            throw new TpmException(String.format("handle 0x%08x already holds an object; "
                    + "choose another handle or replace it explicitly", handle));
        }
        CreateResponse created = create(request, pcrValues);
        TPM_HANDLE parent = storageKey(ownerAuth);
        TPM_HANDLE loaded = tpm.authorize(PasswordAuthorization.EMPTY).Load(parent, created.outPrivate, created.outPublic);
        try {
            if (occupied) {
                evict(handle, ownerAuth);
            }
            loaded.Name = tpm.ReadPublic(loaded).name;
            try (SaltedSession session = hmacSession()) {
                tpm.authorize(session).EvictControl(owner(ownerAuth), loaded, TPM_HANDLE.from(handle));
            }
        } finally {
            tpm.flushQuietly(loaded);
        }
        SortedMap<Integer, byte[]> sealedTo = new TreeMap<>();
        policy.pcrs().forEach(pcr -> sealedTo.put(pcr, pcrValues.get(pcr)));
        return new SealRecord(handle, policy, sealedTo);
    }

    @Override
    public SealedBlob sealToBlob(SealRequest request, Map<Integer, byte[]> pcrValues) {
        CreateResponse created = create(request, pcrValues);
        return new SealedBlob(new TPM2B_PUBLIC(created.outPublic).toBytes(), created.outPrivate.toBytes());
    }

    private CreateResponse create(SealRequest request, Map<Integer, byte[]> pcrValues) {
        TPM_HANDLE parent = storageKey(request.ownerAuth());
        TPMS_SENSITIVE_CREATE sensitive = new TPMS_SENSITIVE_CREATE(request.auth().bytes().clone(),
                request.data().bytes().clone());
        try (SaltedSession session = hmacSession()) {
            return tpm.authorize(session).Create(parent, sensitive,
                    Templates.sealedData(request.policy().digest(pcrValues)),
                    new byte[0], new TPMS_PCR_SELECTION[0]);
        } finally {
            Arrays.fill(sensitive.userAuth, (byte) 0);
            Arrays.fill(sensitive.data, (byte) 0);
        }
    }

    @Override
    public Secret unseal(int handle, PcrPolicy policy, Secret auth) {
        TPM_HANDLE object = TPM_HANDLE.from(handle);
        object.Name = readPublic(handle)
                .orElseThrow(() -> new TpmException(String.format("no sealed object at handle 0x%08x", handle)))
                .name;
        return unsealLoaded(object, policy, auth);
    }

    @Override
    public Secret unseal(SealedBlob blob, PcrPolicy policy, Secret auth) {
        TPM_HANDLE loaded = loadChild(() -> TPM2B_PUBLIC.fromBytes(blob.publicArea()).publicArea, blob.privateArea(),
                "the sealed blob");
        try {
            return unsealLoaded(loaded, policy, auth);
        } finally {
            tpm.flushQuietly(loaded);
        }
    }

    private Secret unsealLoaded(TPM_HANDLE object, PcrPolicy policy, Secret auth) {
        object.AuthValue = auth.bytes();
        try (SaltedSession session = policySession()) {
            tpm.PolicyPCR(session.handle(), new byte[0], new TPMS_PCR_SELECTION[] {
                new TPMS_PCR_SELECTION(TPM_ALG_ID.SHA256, policy.bitmap())});
            if (policy.withAuthValue()) {
                tpm.PolicyAuthValue(session.handle());
                session.requireAuthValue();
            }
            return Secret.adopt(tpm.authorize(session).Unseal(object));
        } catch (TpmCommandException e) {
            if (e.code().is(ResponseCode.POLICY_FAIL)) {
                throw new PolicyMismatchException(policy, e.code());
            }
            throw e;
        } finally {
            object.AuthValue = null;
        }
    }

    @Override
    public Optional<byte[]> objectPolicy(int handle) {
        return readPublic(handle).map(p -> p.outPublic.authPolicy);
    }

    // ---- Persistent objects and hierarchies ----------------------------------------------------

    @Override
    public List<Integer> persistentHandles() {
        GetCapabilityResponse caps = tpm.GetCapability(TPM_CAP.HANDLES, 0x81000000, 128);
        List<Integer> handles = new ArrayList<>();
        for (TPM_HANDLE handle : capability(caps, TPML_HANDLE.class).handle) {
            handles.add(handle.handle);
        }
        return handles;
    }

    @Override
    public void evict(int persistentHandle, Secret ownerAuth) {
        checkPersistentHandle(persistentHandle);
        TPM_HANDLE object = TPM_HANDLE.from(persistentHandle);
        object.Name = readPublic(persistentHandle)
                .orElseThrow(() -> new TpmException(String.format("no object at handle 0x%08x", persistentHandle)))
                .name;
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).EvictControl(owner(ownerAuth), object, object);
        }
        if (persistentHandle == STORAGE_KEY_HANDLE) {
            forgetSaltKey();
        }
    }

    @Override
    public void clear(Secret lockoutAuth) {
        try (SaltedSession session = hmacSession()) {
            // TPM2_Clear empties the lockout passphrase, and the response HMAC already uses the empty one.
            tpm.authorize(session).expectResponseAuthValue(new byte[0]).Clear(hierarchy(Hierarchy.LOCKOUT, lockoutAuth));
        }
        forgetSaltKey();
    }

    @Override
    public void clearAsPlatform(Secret platformAuth) {
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).ClearControl(platform(platformAuth), (byte) 0);
            // The platform passphrase survives TPM2_Clear, so the response HMAC still uses it.
            tpm.authorize(session).Clear(platform(platformAuth));
        }
        forgetSaltKey();
    }

    @Override
    public void changeAuth(Hierarchy hierarchy, Secret current, Secret next) {
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).expectResponseAuthValue(next.bytes())
                    .HierarchyChangeAuth(hierarchy(hierarchy, current), next.bytes().clone());
        }
    }

    @Override
    public void setDictionaryAttackParameters(DictionaryAttackParameters p, Secret lockoutAuth) {
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).DictionaryAttackParameters(hierarchy(Hierarchy.LOCKOUT, lockoutAuth),
                    p.maxTries(), p.recoverySeconds(), p.lockoutRecoverySeconds());
        }
    }

    @Override
    public void resetDictionaryAttack(Secret lockoutAuth) {
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).DictionaryAttackLockReset(hierarchy(Hierarchy.LOCKOUT, lockoutAuth));
        }
    }

    // ---- NV storage and counters ---------------------------------------------------------------

    @Override
    public void defineNv(int index, int size, Secret ownerAuth) {
        define(index, size, NV_OWNERWRITE | NV_OWNERREAD | NV_AUTHWRITE | NV_AUTHREAD, ownerAuth);
    }

    @Override
    public boolean nvIndexExists(int index) {
        checkNvIndex(index);
        GetCapabilityResponse caps = tpm.GetCapability(TPM_CAP.HANDLES, index, 1);
        TPM_HANDLE[] found = capability(caps, TPML_HANDLE.class).handle;
        return found.length > 0 && found[0].handle == index;
    }

    @Override
    public void defineCounter(int index, Secret ownerAuth) {
        define(index, Long.BYTES, NV_COUNTER | NV_OWNERREAD | NV_AUTHWRITE | NV_AUTHREAD, ownerAuth);
    }

    private void define(int index, int size, int attributes, Secret ownerAuth) {
        checkNvIndex(index);
        TPMS_NV_PUBLIC spec = new TPMS_NV_PUBLIC(TPM_HANDLE.from(index), TPM_ALG_ID.SHA256,
                TPMA_NV.fromInt(attributes), new byte[0], size);
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).NV_DefineSpace(owner(ownerAuth), new byte[0], spec);
        } catch (TpmCommandException e) {
            if (e.code().is(ResponseCode.NV_DEFINED)) {
                throw new TpmException(String.format("NV index 0x%08x is already defined", index));
            }
            throw e;
        }
    }

    @Override
    public byte[] readNv(int index) {
        TPMS_NV_PUBLIC spec = nvPublic(index);
        return nvRead(index, spec.dataSize);
    }

    private byte[] nvRead(int index, int size) {
        TPM_HANDLE nv = nvHandle(index);
        try (SaltedSession session = hmacSession()) {
            return tpm.authorize(session).NV_Read(nv, nv, size, 0);
        } catch (TpmCommandException e) {
            if (e.code().is(ResponseCode.NV_UNINITIALIZED)) {
                throw new TpmException(String.format("NV index 0x%08x has never been written", index));
            }
            throw e;
        }
    }

    @Override
    public void writeNv(int index, byte[] data, int offset) {
        TPM_HANDLE nv = nvHandle(index);
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).NV_Write(nv, nv, data, offset);
        }
    }

    @Override
    public void undefineNv(int index, Secret ownerAuth) {
        TPM_HANDLE nv = nvHandle(index);
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).NV_UndefineSpace(owner(ownerAuth), nv);
        }
    }

    @Override
    public long incrementCounter(int index) {
        TPM_HANDLE nv = nvHandle(index);
        try (SaltedSession session = hmacSession()) {
            tpm.authorize(session).NV_Increment(nv, nv);
        }
        return readCounter(index);
    }

    @Override
    public long readCounter(int index) {
        return ByteBuffer.wrap(nvRead(index, Long.BYTES)).getLong();
    }

    private TPMS_NV_PUBLIC nvPublic(int index) {
        TPMS_NV_PUBLIC spec = readNvPublic(index).nvPublic;
        if (spec == null) {
            throw new TpmException(String.format("the TPM's answer to TPM2_NV_ReadPublic(0x%08x) holds no NV public area", index));
        }
        return spec;
    }

    /** The name of an NV index changes when it is first written, so it is read fresh each time. */
    private TPM_HANDLE nvHandle(int index) {
        TPM_HANDLE nv = TPM_HANDLE.from(index);
        nv.Name = readNvPublic(index).nvName;
        return nv;
    }

    private tss.tpm.NV_ReadPublicResponse readNvPublic(int index) {
        checkNvIndex(index);
        try {
            return tpm.NV_ReadPublic(TPM_HANDLE.from(index));
        } catch (TpmCommandException e) {
            if (e.code().is(ResponseCode.HANDLE)) {
                throw new TpmException(String.format("NV index 0x%08x is not defined", index));
            }
            throw e;
        }
    }

    // ---- Attestation ---------------------------------------------------------------------------

    @Override
    public AttestationKey createAttestationKey(Secret ownerAuth) {
        TPM_HANDLE parent = storageKey(ownerAuth);
        try (SaltedSession session = hmacSession()) {
            CreateResponse created = tpm.authorize(session).Create(parent,
                    new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), Templates.attestationKey(),
                    new byte[0], new TPMS_PCR_SELECTION[0]);
            return new AttestationKey(created.outPublic.toBytes(), created.outPrivate.toBytes());
        }
    }

    @Override
    public Quote quote(AttestationKey key, byte[] nonce, PcrBank bank, Collection<Integer> pcrs) {
        TPM_HANDLE loaded = loadChild(() -> TPMT_PUBLIC.fromBytes(key.publicArea()), key.privateArea(),
                "the attestation key");
        try {
            var quoted = tpm.authorize(PasswordAuthorization.EMPTY).Quote(loaded, nonce, new TPMS_NULL_SIG_SCHEME(),
                    new TPMS_PCR_SELECTION[] {selection(bank, pcrs)});
            return new Quote(quoted.quoted.toBytes(), new TPMT_SIGNATURE(quoted.signature).toBytes());
        } finally {
            tpm.flushQuietly(loaded);
        }
    }

    @Override
    public Secret activateCredential(AttestationKey key, ProtectedCredential credential, Secret endorsementAuth) {
        TPM_HANDLE ak = loadChild(() -> TPMT_PUBLIC.fromBytes(key.publicArea()), key.privateArea(), "the attestation key");
        TPM_HANDLE ek = null;
        try (SaltedSession session = hmacSession()) {
            ek = tpm.authorize(session).CreatePrimary(hierarchy(Hierarchy.ENDORSEMENT, endorsementAuth),
                    new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), Templates.rsaEndorsementKey(),
                    new byte[0], new TPMS_PCR_SELECTION[0]).handle;
            ek.Name = tpm.ReadPublic(ek).name;
            try (SaltedSession policy = policySession()) {
                tpm.authorize(session).PolicySecret(hierarchy(Hierarchy.ENDORSEMENT, endorsementAuth), policy.handle(),
                        new byte[0], new byte[0], new byte[0], 0);
                // The first session also encrypts the response, so the recovered secret never crosses in the clear.
                return Secret.adopt(tpm.authorize(session, policy).ActivateCredential(ak, ek,
                        new TPMS_ID_OBJECT(credential.integrityHmac(), credential.encryptedIdentity()),
                        credential.encryptedSeed()));
            }
        } finally {
            tpm.flushQuietly(ak);
            if (ek != null) {
                tpm.flushQuietly(ek);
            }
        }
    }

    /** Loads a child of the storage key from its stored parts, with its name read; the caller flushes it. */
    private TPM_HANDLE loadChild(Supplier<TPMT_PUBLIC> publicArea, byte[] privateArea, String what) {
        TPMT_PUBLIC parsedPublic;
        TPM2B_PRIVATE parsedPrivate;
        try {
            parsedPublic = publicArea.get();
            parsedPrivate = TPM2B_PRIVATE.fromBytes(privateArea);
        } catch (RuntimeException e) {
            throw new TpmException(what + " does not parse as TPM structures");
        }
        TPM_HANDLE parent = storageKey(Secret.empty());
        TPM_HANDLE loaded = tpm.authorize(PasswordAuthorization.EMPTY).Load(parent, parsedPrivate, parsedPublic);
        try {
            loaded.Name = tpm.ReadPublic(loaded).name;
            return loaded;
        } catch (RuntimeException e) {
            tpm.flushQuietly(loaded);
            throw e;
        }
    }

    // ---- Keys and sessions ---------------------------------------------------------------------

    @Override
    public byte[] endorsementKeyPublic(Secret endorsementAuth) {
        try (SaltedSession session = hmacSession()) {
            var created = tpm.authorize(session).CreatePrimary(hierarchy(Hierarchy.ENDORSEMENT, endorsementAuth),
                    new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), Templates.rsaEndorsementKey(),
                    new byte[0], new TPMS_PCR_SELECTION[0]);
            try {
                return created.outPublic.toBytes();
            } finally {
                tpm.flushQuietly(created.handle);
            }
        }
    }

    /** The persistent storage key, created the way Heads creates it if it does not exist yet. */
    private TPM_HANDLE storageKey(Secret ownerAuth) {
        TPM_HANDLE handle = TPM_HANDLE.from(STORAGE_KEY_HANDLE);
        var existing = readPublic(STORAGE_KEY_HANDLE);
        if (existing.isPresent()) {
            handle.Name = existing.get().name;
            return handle;
        }
        try (SaltedSession session = hmacSession()) {
            var created = tpm.authorize(session).CreatePrimary(owner(ownerAuth),
                    new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), Templates.rsaStorageKey(),
                    new byte[0], new TPMS_PCR_SELECTION[0]);
            TPM_HANDLE transientKey = created.handle;
            try {
                transientKey.Name = tpm.ReadPublic(transientKey).name;
                tpm.authorize(session).EvictControl(owner(ownerAuth), transientKey, handle);
            } finally {
                tpm.flushQuietly(transientKey);
            }
        }
        handle.Name = tpm.ReadPublic(handle).name;
        return handle;
    }

    private SaltedSession hmacSession() {
        ensureSaltKey();
        return SaltedSession.start(tpm, saltKey, saltKeyPublic, SaltedSession.Kind.HMAC);
    }

    private SaltedSession policySession() {
        ensureSaltKey();
        return SaltedSession.start(tpm, saltKey, saltKeyPublic, SaltedSession.Kind.POLICY);
    }

    /**
     * Sessions are salted to the storage key when there is one. Before it exists (a new or
     * cleared TPM), a transient key in the null hierarchy, which needs no passphrase, does the job.
     */
    private void ensureSaltKey() {
        if (saltKey != null) {
            return;
        }
        var storage = readPublic(STORAGE_KEY_HANDLE);
        if (storage.isPresent()) {
            saltKey = TPM_HANDLE.from(STORAGE_KEY_HANDLE);
            saltKeyPublic = storage.get().outPublic;
            saltKeyIsTransient = false;
            return;
        }
        var created = tpm.authorize(PasswordAuthorization.EMPTY).CreatePrimary(TPM_HANDLE.from(TPM_RH.NULL),
                new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), Templates.rsaStorageKey(),
                new byte[0], new TPMS_PCR_SELECTION[0]);
        saltKey = created.handle;
        saltKeyPublic = created.outPublic;
        saltKeyIsTransient = true;
    }

    private void forgetSaltKey() {
        if (saltKey != null && saltKeyIsTransient) {
            tpm.flushQuietly(saltKey);
        }
        saltKey = null;
        saltKeyPublic = null;
    }

    /** The capability data the answer carries, refused when the TPM answered with another kind than asked. */
    private static <T> T capability(tss.tpm.GetCapabilityResponse caps, Class<T> kind) {
        if (!kind.isInstance(caps.capabilityData)) {
            throw new TpmException("the TPM answered TPM2_GetCapability with other data than asked for ("
                    + kind.getSimpleName() + ")");
        }
        return kind.cast(caps.capabilityData);
    }

    private Optional<tss.tpm.ReadPublicResponse> readPublic(int handle) {
        try {
            tss.tpm.ReadPublicResponse response = tpm.ReadPublic(TPM_HANDLE.from(handle));
            if (response.outPublic == null) {
                throw new TpmException(String.format("the TPM's answer to TPM2_ReadPublic(0x%08x) holds no public area", handle));
            }
            return Optional.of(response);
        } catch (TpmCommandException e) {
            if (e.code().is(ResponseCode.HANDLE)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static TPM_HANDLE platform(Secret platformAuth) {
        TPM_HANDLE handle = TPM_HANDLE.from(0x4000000C);
        handle.AuthValue = platformAuth.bytes();
        return handle;
    }

    private static TPM_HANDLE owner(Secret ownerAuth) {
        return hierarchy(Hierarchy.OWNER, ownerAuth);
    }

    private static TPM_HANDLE hierarchy(Hierarchy hierarchy, Secret auth) {
        TPM_HANDLE handle = TPM_HANDLE.from(hierarchy.handle());
        handle.AuthValue = auth.bytes();
        return handle;
    }

    private static TPMS_PCR_SELECTION selection(PcrBank bank, Collection<Integer> pcrs) {
        byte[] select = new byte[3];
        for (int pcr : pcrs) {
            if (pcr < 0 || pcr > PcrPolicy.HIGHEST_PCR) {
                throw new IllegalArgumentException("PCR " + pcr + " does not exist (PCRs are numbered 0-23)");
            }
            select[pcr / 8] |= (byte) (1 << (pcr % 8));
        }
        return new TPMS_PCR_SELECTION(algorithm(bank), select);
    }

    private static List<Integer> indices(byte[] bitmap) {
        List<Integer> pcrs = new ArrayList<>();
        for (int i = 0; i < bitmap.length * 8; i++) {
            if ((bitmap[i / 8] & (1 << (i % 8))) != 0) {
                pcrs.add(i);
            }
        }
        return pcrs;
    }

    private static TPM_ALG_ID algorithm(PcrBank bank) {
        return TPM_ALG_ID.fromInt(bank.algorithmId());
    }

    private static void checkPersistentHandle(int handle) {
        if ((handle >>> 24) != 0x81) {
            throw new IllegalArgumentException(String.format(
                    "0x%08x is not a persistent handle (those are 0x81000000-0x81ffffff)", handle));
        }
    }

    private static void checkNvIndex(int index) {
        if ((index >>> 24) != 0x01) {
            throw new IllegalArgumentException(String.format(
                    "0x%08x is not an NV index (those are 0x01000000-0x01ffffff)", index));
        }
    }

    @Override
    public Optional<PowerControl> powerControl() {
        if (!(transport instanceof PowerControl power)) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            power.powerCycle();
            // Transient objects, our salt key among them, do not survive a power cycle.
            saltKey = null;
            saltKeyPublic = null;
            tpm.forgetTransientHandles();
        });
    }

    @Override
    public void close() {
        try {
            forgetSaltKey();
        } finally {
            transport.close();
            afterClose.run();
        }
    }
}
