package dev.custody.tpm;

import dev.custody.common.Secret;
import dev.custody.tpm.transport.PowerControl;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A TPM 2.0, whichever way it is reached. Everything Custody does with a TPM goes through this
 * interface, so the library behind it (TSS.Java today) can be replaced piece by piece.
 *
 * <p>Secrets (sealed data, passphrases, random seeds) only cross to and from the TPM inside
 * salted sessions with parameter encryption.
 */
public interface Tpm extends AutoCloseable {
    /** Where this TPM is ("/dev/tpmrm0", "swtpm 127.0.0.1:2321"). */
    String describe();

    TpmInfo info();

    /** Free object and NV room, and whether the TPM can be cleared; see {@link TpmCapacity}. */
    TpmCapacity capacity();

    /**
     * Whether {@code auth} is the passphrase of {@code hierarchy}, checked with TPM2_PolicySecret
     * on a throw-away trial session: nothing in the TPM changes. A wrong passphrase counts as a
     * failure towards the dictionary-attack lockout, as any wrong passphrase does.
     */
    boolean authorizes(Hierarchy hierarchy, Secret auth);

    /** Banks that have at least one PCR allocated. */
    List<PcrBank> activeBanks();

    /**
     * The bank Custody measures into and seals to: SHA-256 on a TPM 2.0, SHA-1 on a TPM 1.2
     * (its only bank). Seal records, predictions and explanations use this bank's values.
     */
    default PcrBank sealingBank() {
        return PcrBank.SHA256;
    }

    SortedMap<Integer, byte[]> readPcrs(PcrBank bank, Collection<Integer> pcrs);

    /** Extends one PCR in several banks at once; each digest must have its bank's length. */
    void extend(int pcr, Map<PcrBank, byte[]> digests);

    /**
     * Measures {@code data} into a PCR as tpm2_pcrevent does: every active bank, each with its own
     * hash of the data, since a bank left behind would no longer match the log. Returns each bank's
     * value after the extend, in the order of {@link #activeBanks()}.
     */
    default Map<PcrBank, byte[]> measure(int pcr, byte[] data) {
        Map<PcrBank, byte[]> digests = new LinkedHashMap<>();
        for (PcrBank bank : activeBanks()) {
            // Data of any size: the JDK's digest, which C2 compiles to the CPU's SHA instructions
            // (PcrBank.hash is for the few short values of a boot-time command).
            digests.put(bank, bank.newDigest().digest(data));
        }
        extend(pcr, digests);
        Map<PcrBank, byte[]> now = new LinkedHashMap<>();
        for (PcrBank bank : digests.keySet()) {
            now.put(bank, readPcrs(bank, List.of(pcr)).get(pcr));
        }
        return now;
    }

    Secret random(int length);

    /**
     * Seals the request's data so that only a policy session satisfying its policy with these PCR
     * values (the {@link #sealingBank()}) can unseal it, and keeps it at {@code slot}.
     */
    SealRecord sealPersistent(SealRequest request, Map<Integer, byte[]> pcrValues, PersistentSlot slot);

    /** As {@link #sealPersistent}, handing the sealed object back instead of keeping it in the TPM. */
    SealedBlob sealToBlob(SealRequest request, Map<Integer, byte[]> pcrValues);

    Secret unseal(int handle, PcrPolicy policy, Secret auth);

    Secret unseal(SealedBlob blob, PcrPolicy policy, Secret auth);

    /** The authPolicy of the persistent object at {@code handle}, or empty if there is none. */
    Optional<byte[]> objectPolicy(int handle);

    List<Integer> persistentHandles();

    void evict(int persistentHandle, Secret ownerAuth);

    void defineNv(int index, int size, Secret ownerAuth);

    boolean nvIndexExists(int index);

    byte[] readNv(int index);

    void writeNv(int index, byte[] data, int offset);

    void undefineNv(int index, Secret ownerAuth);

    void defineCounter(int index, Secret ownerAuth);

    /** Whether a counter {@link #defineCounter} made for {@code index} exists. */
    default boolean counterExists(int index) {
        return nvIndexExists(index);
    }

    long incrementCounter(int index);

    long readCounter(int index);

    /** TPM2_Clear: removes every owner object, NV index and passphrase. Needs the lockout passphrase. */
    void clear(Secret lockoutAuth);

    /**
     * TPM2_Clear with the platform hierarchy's authority, as Heads' OEM reset does: firmware keeps
     * that hierarchy, so no owner secret is needed. Clear is first re-enabled (TPM2_ClearControl).
     * Fails with TPM_RC_HIERARCHY where the firmware has disabled the platform hierarchy (UEFI).
     */
    void clearAsPlatform(Secret platformAuth);

    void changeAuth(Hierarchy hierarchy, Secret current, Secret next);

    void setDictionaryAttackParameters(DictionaryAttackParameters parameters, Secret lockoutAuth);

    void resetDictionaryAttack(Secret lockoutAuth);

    AttestationKey createAttestationKey(Secret ownerAuth);

    Quote quote(AttestationKey key, byte[] nonce, PcrBank bank, Collection<Integer> pcrs);

    /**
     * The public area (TPMT_PUBLIC, without the TPM2B size) of the RSA 2048 endorsement key made
     * from the TCG EK Credential Profile's default template (as {@code tpm2_createek -G rsa}).
     * The key derives from the endorsement seed, which TPM2_Clear keeps, so it names this TPM
     * across ownership changes. Created as a transient primary and flushed again.
     */
    byte[] endorsementKeyPublic(Secret endorsementAuth);

    /**
     * TPM2_ActivateCredential: recovers the secret a verifier protected with
     * {@link CredentialProtection#protect} to this TPM's endorsement key and {@code key}'s name.
     * The TPM releases it only when it holds both keys, which proves the attestation key is its own.
     * The EK is used through a PolicySecret(TPM_RH_ENDORSEMENT) session, as its template requires.
     */
    Secret activateCredential(AttestationKey key, ProtectedCredential credential, Secret endorsementAuth);

    /** Power control exists only for software TPMs. */
    Optional<PowerControl> powerControl();

    @Override
    void close();
}
