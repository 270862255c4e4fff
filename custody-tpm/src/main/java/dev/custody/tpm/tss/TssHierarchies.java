package dev.custody.tpm.tss;

import static dev.custody.tpm.tss.TssConnection.capability;
import static dev.custody.tpm.tss.TssConnection.checkPersistentHandle;
import static dev.custody.tpm.tss.TssConnection.hierarchy;
import static dev.custody.tpm.tss.TssConnection.owner;
import static dev.custody.tpm.tss.TssConnection.platform;

import dev.custody.common.Secret;
import dev.custody.tpm.DictionaryAttackParameters;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.TpmCommandException;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.session.SaltedSession;
import dev.custody.tpm.session.SessionedTpm;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import tss.tpm.GetCapabilityResponse;
import tss.tpm.TPML_HANDLE;
import tss.tpm.TPMT_SYM_DEF;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_CAP;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;
import tss.tpm.TPM_SE;

/** Ownership: hierarchy passphrases, clearing, the dictionary-attack lockout, and persistent objects. */
final class TssHierarchies {
    private final TssConnection connection;
    private final SessionedTpm tpm;

    TssHierarchies(TssConnection connection) {
        this.connection = connection;
        this.tpm = connection.tpm;
    }

    boolean authorizes(Hierarchy hierarchy, Secret auth) {
        var trial = tpm.StartAuthSession(TPM_HANDLE.from(TPM_RH.NULL), TPM_HANDLE.from(TPM_RH.NULL),
                nonce(), new byte[0], TPM_SE.TRIAL, new TPMT_SYM_DEF(TPM_ALG_ID.NULL, 0, TPM_ALG_ID.NULL),
                TPM_ALG_ID.SHA256);
        try (SaltedSession session = connection.hmacSession()) {
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
        new SecureRandom().nextBytes(nonce);
        return nonce;
    }

    List<Integer> persistentHandles() {
        GetCapabilityResponse caps = tpm.GetCapability(TPM_CAP.HANDLES, 0x81000000, 128);
        List<Integer> handles = new ArrayList<>();
        for (TPM_HANDLE handle : capability(caps, TPML_HANDLE.class).handle) {
            handles.add(handle.handle);
        }
        return handles;
    }

    void evict(int persistentHandle, Secret ownerAuth) {
        checkPersistentHandle(persistentHandle);
        TPM_HANDLE object = TPM_HANDLE.from(persistentHandle);
        object.Name = connection.readPublic(persistentHandle)
                .orElseThrow(() -> new TpmException(String.format("no object at handle 0x%08x", persistentHandle)))
                .name;
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).EvictControl(owner(ownerAuth), object, object);
        }
        if (persistentHandle == TssTpm.STORAGE_KEY_HANDLE) {
            connection.forgetSaltKey();
        }
    }

    void clear(Secret lockoutAuth) {
        try (SaltedSession session = connection.hmacSession()) {
            // TPM2_Clear empties the lockout passphrase, and the response HMAC already uses the empty one.
            tpm.authorize(session).expectResponseAuthValue(new byte[0]).Clear(hierarchy(Hierarchy.LOCKOUT, lockoutAuth));
        }
        connection.forgetSaltKey();
    }

    void clearAsPlatform(Secret platformAuth) {
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).ClearControl(platform(platformAuth), (byte) 0);
            // The platform passphrase survives TPM2_Clear, so the response HMAC still uses it.
            tpm.authorize(session).Clear(platform(platformAuth));
        }
        connection.forgetSaltKey();
    }

    void changeAuth(Hierarchy hierarchy, Secret current, Secret next) {
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).expectResponseAuthValue(next.bytes())
                    .HierarchyChangeAuth(hierarchy(hierarchy, current), next.bytes().clone());
        }
    }

    void setDictionaryAttackParameters(DictionaryAttackParameters p, Secret lockoutAuth) {
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).DictionaryAttackParameters(hierarchy(Hierarchy.LOCKOUT, lockoutAuth),
                    p.maxTries(), p.recoverySeconds(), p.lockoutRecoverySeconds());
        }
    }

    void resetDictionaryAttack(Secret lockoutAuth) {
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).DictionaryAttackLockReset(hierarchy(Hierarchy.LOCKOUT, lockoutAuth));
        }
    }
}
