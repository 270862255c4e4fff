package dev.custody.tpm.tpm12;

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
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.SealedBlob;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmCapacity;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.TpmInfo;
import dev.custody.tpm.transport.PowerControl;
import dev.custody.tpm.transport.SwtpmControl;
import dev.custody.tpm.transport.Transport;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A TPM 1.2 behind the project's {@link Tpm} interface, following Heads' TPM1 conventions
 * (tpmtotp's {@code tpm} tool, as Heads' {@code tpmr} calls it):
 * <ul>
 *   <li>passphrases become 20-byte secrets as SHA1(passphrase); an empty data passphrase is the
 *       well-known secret (20 zero bytes), as {@code sealfile2} without {@code -pwdd} seals;</li>
 *   <li>the SRK secret is the well-known one ({@code takeown} without {@code -pwds});</li>
 *   <li>a "persistent handle" is an NV index holding a TPM_STORED_DATA blob sealed under the SRK to
 *       a TPM_PCR_INFO; a TPM 2.0 handle 0x81xxxxxx names NV index 0xxxxxxx, so Heads' TOTP
 *       (0x81004d47 on TPM 2.0) is NV index 0x4d47 here and the disk key (0x81000003) index 3;</li>
 *   <li>PCRs exist in the SHA-1 bank only; sealed PCR values are SHA-1 values.</li>
 * </ul>
 * Operations with no TPM 1.2 counterpart fail with "not available on TPM 1.2: ...".
 */
public final class Tpm12 implements Tpm {
    /** The NV area size Heads gives every sealed blob: TPM_STORED_DATA with a 2048-bit SRK is exactly 312 bytes. */
    public static final int HEADS_SEALED_SIZE = 312;
    /** tpmtotp's {@code -la -3135106223}, as atoi wraps it to 32 bits. */
    public static final int HEADS_COUNTER_LABEL = 0x45221351;
    private static final int PERSISTENT_PREFIX = 0x81000000;
    private static final int PP_PRESENT = 0x0008;
    private static final int CAP_DA_LOGIC = 0x00000019;
    private static final byte[] WELL_KNOWN = new byte[Sha1.LENGTH];
    private static final java.security.SecureRandom LOCAL_RANDOM = new java.security.SecureRandom();

    private final Tpm12Client client;
    private final Optional<SwtpmControl> power;
    private final Runnable onClose;

    /**
     * @param power   swtpm's control channel, for power cycles; empty for hardware
     * @param onClose runs after the connection is closed (stops a foreground swtpm)
     */
    public Tpm12(Transport transport, Optional<SwtpmControl> power, Runnable onClose) {
        this.client = new Tpm12Client(transport);
        this.power = power;
        this.onClose = onClose;
        startUpIfNeeded();
    }

    /** The low-level client, for TPM 1.2 operations the {@link Tpm} interface has no words for. */
    public Tpm12Client client() {
        return client;
    }

    private void startUpIfNeeded() {
        try {
            client.startup();
        } catch (Tpm12CommandException e) {
            if (!e.code().is(Tpm12ResponseCode.INVALID_POSTINIT)) {
                throw e;
            }
            // Firmware (or swtpm's startup-clear flag) has started it already.
        }
    }

    @Override
    public String describe() {
        return client.describe() + " (TPM 1.2)";
    }

    @Override
    public TpmInfo info() {
        VersionInfo version = client.version();
        return new TpmInfo(version.vendorId(), version.vendorId(), version.firmwareVersion(), version.specVersion(),
                activeBanks(), lockout(), TpmInfo.FAMILY_1_2);
    }

    /** TPM_DA_INFO for passphrase-checked entities (TPM_CAP_DA_LOGIC), the 1.2 dictionary-attack state. */
    private LockoutState lockout() {
        Reader in = client.capability(CAP_DA_LOGIC, new byte[] {0, (byte) Tpm12Client.ET_KEYHANDLE}, "TPM_DA_INFO");
        in.u16();
        boolean active = in.u8() != 0;
        int count = in.u16();
        int threshold = in.u16();
        in.u16();
        in.u32();
        int secondsLeft = in.u32();
        return new LockoutState(active, count, threshold, secondsLeft, 0);
    }

    @Override
    public List<PcrBank> activeBanks() {
        return List.of(PcrBank.SHA1);
    }

    @Override
    public PcrBank sealingBank() {
        return PcrBank.SHA1;
    }

    @Override
    public SortedMap<Integer, byte[]> readPcrs(PcrBank bank, Collection<Integer> pcrs) {
        requireSha1(bank);
        SortedMap<Integer, byte[]> values = new TreeMap<>();
        for (int pcr : pcrs) {
            values.put(pcr, client.pcrRead(pcr));
        }
        return values;
    }

    @Override
    public void extend(int pcr, Map<PcrBank, byte[]> digests) {
        if (!digests.keySet().equals(java.util.Set.of(PcrBank.SHA1))) {
            throw notOnTpm12("PCR banks other than SHA-1 (asked to extend " + digests.keySet() + ")");
        }
        client.extend(pcr, digests.get(PcrBank.SHA1));
    }

    /**
     * TPM_GetRandom inside an encrypting transport session. A TPM without owner has no SRK to
     * key such a session; there the TPM's bytes, which cross the bus in the clear, are XORed with
     * as many bytes of Java's SecureRandom, so what a probe sees is independent of the result.
     */
    @Override
    public Secret random(int length) {
        if (client.hasOwner()) {
            return Secret.adopt(client.random(length));
        }
        byte[] tpm = client.randomInTheClear(length);
        byte[] local = new byte[length];
        LOCAL_RANDOM.nextBytes(local);
        try {
            return Secret.adopt(Sha1.xor(tpm, local));
        } finally {
            Arrays.fill(local, (byte) 0);
        }
    }

    /**
     * Seals the Heads way ({@code tpmr seal}): TPM_Seal under the SRK to TPM_PCR_INFO over the
     * policy's PCRs with these SHA-1 values, then the blob into NV at {@code handle}'s index
     * (defined, if missing, as Heads defines it: 312 bytes, locality 0, with the owner passphrase).
     */
    @Override
    public SealRecord sealPersistent(SealRequest request, Map<Integer, byte[]> pcrValues, PersistentSlot slot) {
        int handle = slot.handle();
        Secret ownerAuth = request.ownerAuth();
        int index = nvIndex(handle);
        Optional<NvPublic> existing = client.nvPublic(index);
        if (existing.isPresent() && !slot.replaces()) {
            throw new TpmException(String.format("NV index 0x%x already holds a sealed secret; pass replace to overwrite it", index));
        }
        takeOwnershipIfNone(ownerAuth);
        byte[] blob = sealBlob(request, pcrValues);
        if (existing.isPresent() && existing.get().dataSize() < blob.length) {
            client.nvRelease(index, ownerSecret(ownerAuth));
            existing = Optional.empty();
        }
        if (existing.isEmpty()) {
            client.nvDefine(NvPublic.headsSealedArea(index, Math.max(HEADS_SEALED_SIZE, blob.length)),
                    ownerSecret(ownerAuth), WELL_KNOWN);
        }
        client.nvWrite(index, 0, blob, null);
        SortedMap<Integer, byte[]> sealedValues = new TreeMap<>();
        request.policy().pcrs().forEach(pcr -> sealedValues.put(pcr, pcrValues.get(pcr)));
        return new SealRecord(handle, request.policy(), sealedValues);
    }

    @Override
    public SealedBlob sealToBlob(SealRequest request, Map<Integer, byte[]> pcrValues) {
        takeOwnershipIfNone(request.ownerAuth());
        return new SealedBlob(new byte[0], sealBlob(request, pcrValues));
    }

    private byte[] sealBlob(SealRequest request, Map<Integer, byte[]> pcrValues) {
        if (request.policy().withAuthValue() && request.auth().isEmpty()) {
            throw new IllegalArgumentException("the policy asks for a passphrase, but the passphrase is empty");
        }
        byte[] pcrInfo = PcrSelection.of(request.policy().pcrs()).pcrInfo(pcrValues);
        byte[] dataAuth = dataSecret(request.auth());
        try {
            return client.seal(Tpm12Client.KH_SRK, WELL_KNOWN, pcrInfo, dataAuth, request.data().bytes());
        } finally {
            Arrays.fill(dataAuth, (byte) 0);
        }
    }

    @Override
    public Secret unseal(int handle, PcrPolicy policy, Secret auth) {
        int index = nvIndex(handle);
        NvPublic area = client.nvPublic(index).orElseThrow(() -> new TpmException(
                String.format("NV index 0x%x is not defined; nothing is sealed there", index)));
        return unsealStored(StoredData.parse(readArea(area)).bytes(), policy, auth);
    }

    @Override
    public Secret unseal(SealedBlob blob, PcrPolicy policy, Secret auth) {
        return unsealStored(StoredData.parse(blob.privateArea()).bytes(), policy, auth);
    }

    private Secret unsealStored(byte[] stored, PcrPolicy policy, Secret auth) {
        byte[] dataAuth = dataSecret(auth);
        try {
            return Secret.adopt(client.unseal(Tpm12Client.KH_SRK, WELL_KNOWN, stored, dataAuth));
        } catch (Tpm12CommandException e) {
            if (e.code().is(Tpm12ResponseCode.WRONGPCRVAL)) {
                throw new PolicyMismatchException(policy, e.code().name());
            }
            throw e;
        } finally {
            Arrays.fill(dataAuth, (byte) 0);
        }
    }

    /**
     * The TPM 1.2 counterpart of a policy digest: the PCR composite hash (digestAtRelease) the blob
     * in NV at {@code handle}'s index is sealed to; empty when the area is missing or holds no
     * sealed blob (defined but never written).
     */
    @Override
    public Optional<byte[]> objectPolicy(int handle) {
        return client.nvPublic(nvIndex(handle)).flatMap(area -> {
            try {
                return Optional.of(StoredData.parse(readArea(area)).digestAtRelease());
            } catch (TpmException notABlob) {
                return Optional.empty();
            }
        });
    }

    /** NV indexes (TPM 1.2 has no persistent objects; sealed secrets live in NV). */
    @Override
    public List<Integer> persistentHandles() {
        return client.nvIndexes();
    }

    @Override
    public void evict(int persistentHandle, Secret ownerAuth) {
        client.nvRelease(nvIndex(persistentHandle), ownerSecret(ownerAuth));
    }

    /** An area its own (well-known) secret reads and writes, the 1.2 form of TPM 2.0's AUTHREAD|AUTHWRITE. */
    @Override
    public void defineNv(int index, int size, Secret ownerAuth) {
        client.nvDefine(NvPublic.unbound(index, NvAttributes.AUTHWRITE | NvAttributes.AUTHREAD, size),
                ownerSecret(ownerAuth), WELL_KNOWN);
    }

    @Override
    public boolean nvIndexExists(int index) {
        return client.nvPublic(index).isPresent();
    }

    @Override
    public byte[] readNv(int index) {
        NvPublic area = client.nvPublic(index).orElseThrow(() -> new TpmException(
                String.format("NV index 0x%x is not defined", index)));
        return readArea(area);
    }

    private byte[] readArea(NvPublic area) {
        return (area.attributes() & NvAttributes.AUTHREAD) != 0
                ? client.nvReadWithAreaAuth(area.index(), 0, area.dataSize(), WELL_KNOWN)
                : client.nvRead(area.index(), 0, area.dataSize(), null);
    }

    @Override
    public void writeNv(int index, byte[] data, int offset) {
        NvPublic area = client.nvPublic(index).orElseThrow(() -> new TpmException(
                String.format("NV index 0x%x is not defined", index)));
        if ((area.attributes() & NvAttributes.AUTHWRITE) != 0) {
            client.nvWriteWithAreaAuth(index, offset, data, WELL_KNOWN);
        } else {
            client.nvWrite(index, offset, data, null);
        }
    }

    @Override
    public void undefineNv(int index, Secret ownerAuth) {
        client.nvRelease(index, ownerSecret(ownerAuth));
    }

    /**
     * A TPM 1.2 numbers its counters itself, so a counter "at an index" is the counter whose
     * 4-byte label is the index: TPM_CreateCounter with that label and the counter secret SHA1("").
     */
    @Override
    public void defineCounter(int index, Secret ownerAuth) {
        if (counterWithLabel(index).isPresent()) {
            throw new TpmException(String.format("a counter labelled 0x%08x exists already", index));
        }
        createCounter(index, ownerAuth);
    }

    @Override
    public boolean counterExists(int index) {
        return counterWithLabel(index).isPresent();
    }

    /** The id of the counter labelled {@code label}: TPM_CAP_HANDLE lists them, TPM_ReadCounter shows each label. */
    public Optional<Integer> counterWithLabel(int label) {
        return client.handles(Tpm12Client.RT_COUNTER).stream()
                .filter(id -> client.readCounter(id).label() == label)
                .findFirst();
    }

    /** A counter named by the label {@link #defineCounter} gave it, or by the id the TPM gave it (Heads' rollback counter). */
    private int counterId(int labelOrId) {
        return counterWithLabel(labelOrId).orElse(labelOrId);
    }

    /** TPM_CreateCounter as Heads' {@code counter_create -pwdc ''}: counter secret SHA1(""), owner-authorised. */
    public CounterValue createCounter(int label, Secret ownerAuth) {
        takeOwnershipIfNone(ownerAuth);
        return client.createCounter(label, Sha1.hash(), ownerSecret(ownerAuth));
    }

    /** TPM_IncrementCounter with the counter secret SHA1(""), as Heads increments its rollback counter. */
    @Override
    public long incrementCounter(int id) {
        return client.incrementCounter(counterId(id), Sha1.hash()).value();
    }

    @Override
    public long readCounter(int id) {
        return client.readCounter(counterId(id)).value();
    }

    /**
     * TPM_OwnerClear: TPM 1.2 has no lockout passphrase; the owner's clears. A cleared TPM 1.2
     * disables itself, so it is enabled again under physical presence, as after a TPM 2.0 clear.
     */
    @Override
    public void clear(Secret ownerAuth) {
        client.ownerClear(ownerSecret(ownerAuth));
        enableForNewOwner();
    }

    /**
     * TPM_ForceClear under physical presence, as Heads' {@code tpm1_reset} does; TPM 1.2 has no
     * platform passphrase, so {@code platformAuth} must be empty. The TPM is left enabled and
     * activated, ready for a new owner.
     */
    @Override
    public void clearAsPlatform(Secret platformAuth) {
        if (!platformAuth.isEmpty()) {
            throw notOnTpm12("a platform passphrase (physical presence stands in for it)");
        }
        client.physicalPresence(PP_PRESENT);
        client.forceClear();
        enableForNewOwner();
    }

    /** What Heads' {@code tpm1_reset} does after a clear: physical presence, enable, activate. */
    private void enableForNewOwner() {
        client.physicalPresence(PP_PRESENT);
        client.physicalEnable();
        client.physicalSetDeactivated(false);
    }

    /**
     * The owner passphrase: TPM_TakeOwnership when the TPM has no owner (as Heads' {@code tpm
     * takeown}, with the well-known SRK secret), else TPM_ChangeAuthOwner.
     */
    @Override
    public void changeAuth(Hierarchy hierarchy, Secret current, Secret next) {
        if (hierarchy != Hierarchy.OWNER) {
            throw notOnTpm12("a " + hierarchy.name().toLowerCase(java.util.Locale.ROOT)
                    + " passphrase (the owner passphrase is the only one)");
        }
        if (!client.hasOwner()) {
            client.takeOwnership(ownerSecret(next), WELL_KNOWN);
        } else {
            client.changeOwnerAuth(ownerSecret(current), ownerSecret(next));
        }
    }

    @Override
    public void setDictionaryAttackParameters(DictionaryAttackParameters parameters, Secret lockoutAuth) {
        throw notOnTpm12("dictionary-attack settings (the TPM maker fixes them)");
    }

    /** TPM_ResetLockValue with the owner passphrase. */
    @Override
    public void resetDictionaryAttack(Secret ownerAuth) {
        client.resetLockValue(ownerSecret(ownerAuth));
    }

    /**
     * A 2048-bit RSA signing key under the SRK (TPM 1.2 identity keys need a privacy CA). The
     * public area is the key's X.509 SubjectPublicKeyInfo; the private area the TPM_KEY12 blob.
     */
    @Override
    public AttestationKey createAttestationKey(Secret ownerAuth) {
        KeyBlob key = client.createSigningKey(Tpm12Client.KH_SRK, WELL_KNOWN, WELL_KNOWN);
        return new AttestationKey(key.publicKey().getEncoded(), key.bytes());
    }

    /**
     * TPM_Quote2 over SHA-1 PCRs. The attest bytes are TPM_QUOTE_INFO2; a 1.2 quote takes a
     * 20-byte nonce, so a nonce of any other length is quoted as its SHA-1.
     */
    @Override
    public Quote quote(AttestationKey key, byte[] nonce, PcrBank bank, Collection<Integer> pcrs) {
        requireSha1(bank);
        byte[] externalData = nonce.length == Sha1.LENGTH ? nonce : Sha1.hash(nonce);
        int handle = client.loadKey(Tpm12Client.KH_SRK, WELL_KNOWN, KeyBlob.parse(key.privateArea()));
        try {
            Quote2 quote = client.quote2(handle, WELL_KNOWN, externalData, new PcrSelection(List.copyOf(pcrs), 3));
            return new Quote(quote.signedInfo(), quote.signature());
        } finally {
            client.flush(handle, Tpm12Client.RT_KEY);
        }
    }

    /** The endorsement key as X.509 SubjectPublicKeyInfo; once owned, read with the owner passphrase. */
    @Override
    public byte[] endorsementKeyPublic(Secret ownerAuth) {
        return client.hasOwner()
                ? client.ownerReadEndorsementKey(ownerSecret(ownerAuth)).getEncoded()
                : client.readPubek().getEncoded();
    }

    /** Power off and on, then TPM_Startup(ST_CLEAR), as firmware sends it. */
    @Override
    public Optional<PowerControl> powerControl() {
        return power.map(control -> () -> {
            control.init();
            client.sessionsLost();
            startUpIfNeeded();
        });
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            onClose.run();
        }
    }

    /**
     * A TPM 1.2 leaves the factory with no owner and so no SRK to seal under. Sealing on one takes
     * ownership first with the owner passphrase given (empty by default), which leaves it where a
     * TPM 2.0 starts: an owner whose passphrase the caller knows.
     */
    private void takeOwnershipIfNone(Secret ownerAuth) {
        if (!client.hasOwner()) {
            client.takeOwnership(ownerSecret(ownerAuth), WELL_KNOWN);
        }
    }

    /** The NV index a handle names: TPM 2.0's persistent handle 0x81xxxxxx maps to index 0xxxxxxx. */
    public static int nvIndex(int handle) {
        return (handle & 0xFF000000) == PERSISTENT_PREFIX ? handle & 0x00FFFFFF : handle;
    }

    /** tpmtotp's {@code -pwdo}: the owner secret is SHA1 of the passphrase. */
    private static byte[] ownerSecret(Secret passphrase) {
        return Sha1.hash(passphrase.bytes());
    }

    /** tpmtotp's {@code -pwdd}: SHA1 of the passphrase, or the well-known secret when there is none. */
    private static byte[] dataSecret(Secret passphrase) {
        return passphrase.isEmpty() ? WELL_KNOWN.clone() : Sha1.hash(passphrase.bytes());
    }

    /**
     * TPM_GetCapability's properties, read into the 2.0 shape: free key slots (TPM_CAP_PROP_KEYS);
     * sealed areas of Heads' size that fit in free NV (TPM_CAP_PROP_MAX_NV_AVAILABLE, which is
     * also the largest area that can still be defined); free monotonic counters
     * (TPM_CAP_PROP_COUNTERS). The "platform hierarchy" of a TPM 1.2 is physical presence:
     * TPM_ForceClear works when it is asserted or can still be asserted by command, and force
     * clear is not disabled until the next power-on.
     */
    @Override
    public TpmCapacity capacity() {
        int freeNv = client.property(Tpm12Client.PROP_MAX_NV_AVAILABLE);
        PermanentFlags permanent = client.permanentFlags();
        VolatileFlags volatileFlags = client.volatileFlags();
        boolean presence = volatileFlags.physicalPresence()
                || (permanent.physicalPresenceCmdEnable() && !volatileFlags.physicalPresenceLock());
        return new TpmCapacity(client.property(Tpm12Client.PROP_KEYS), freeNv / HEADS_SEALED_SIZE, freeNv,
                client.property(Tpm12Client.PROP_COUNTERS), presence && !volatileFlags.disableForceClear(),
                permanent.disableOwnerClear(), lockout().inLockout());
    }

    /**
     * The owner passphrase (the lockout "hierarchy" of a TPM 1.2 is its owner, whose passphrase
     * TPM_OwnerClear takes), checked with TPM_OwnerReadInternalPub of the endorsement key, which
     * changes nothing. A TPM without owner authorises no passphrase. A wrong passphrase counts
     * towards the dictionary-attack defence, as any wrong passphrase does.
     */
    @Override
    public boolean authorizes(Hierarchy hierarchy, Secret auth) {
        if (hierarchy == Hierarchy.ENDORSEMENT) {
            throw notOnTpm12("an endorsement passphrase (the owner passphrase is the only one)");
        }
        if (!client.hasOwner()) {
            return false;
        }
        try {
            client.ownerReadEndorsementKey(ownerSecret(auth));
            return true;
        } catch (Tpm12CommandException e) {
            if (e.code().is(Tpm12ResponseCode.AUTHFAIL)) {
                return false;
            }
            throw e;
        }
    }

    /** TPM 1.2 has TPM_ActivateIdentity with AIKs instead; fleet enrolment speaks TPM 2.0's credential protocol. */
    @Override
    public Secret activateCredential(AttestationKey key, ProtectedCredential credential, Secret endorsementAuth) {
        throw notOnTpm12("fleet enrolment (TPM2_ActivateCredential); a TPM 1.2 would need TPM_ActivateIdentity with an AIK");
    }

    private static void requireSha1(PcrBank bank) {
        if (bank != PcrBank.SHA1) {
            throw notOnTpm12("the " + bank.label() + " PCR bank (a TPM 1.2 has SHA-1 PCRs only)");
        }
    }

    private static TpmException notOnTpm12(String what) {
        return new TpmException("not available on TPM 1.2: " + what);
    }
}
