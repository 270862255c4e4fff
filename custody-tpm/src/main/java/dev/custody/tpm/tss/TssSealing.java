package dev.custody.tpm.tss;

import static dev.custody.tpm.tss.TssConnection.checkPersistentHandle;
import static dev.custody.tpm.tss.TssConnection.owner;

import dev.custody.common.Secret;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.PolicyMismatchException;
import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.SealedBlob;
import dev.custody.tpm.TpmCommandException;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.session.PasswordAuthorization;
import dev.custody.tpm.session.SaltedSession;
import dev.custody.tpm.session.SessionedTpm;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tss.tpm.CreateResponse;
import tss.tpm.TPM2B_PUBLIC;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;

/** Sealed data objects under the storage key: sealing to a PCR policy, persistent or as a blob, and unsealing. */
final class TssSealing {
    private final TssConnection connection;
    private final SessionedTpm tpm;
    private final TssHierarchies hierarchies;

    TssSealing(TssConnection connection, TssHierarchies hierarchies) {
        this.connection = connection;
        this.tpm = connection.tpm;
        this.hierarchies = hierarchies;
    }

    SealRecord sealPersistent(SealRequest request, Map<Integer, byte[]> pcrValues, PersistentSlot slot) {
        int handle = slot.handle();
        Secret ownerAuth = request.ownerAuth();
        PcrPolicy policy = request.policy();
        checkPersistentHandle(handle);
        boolean occupied = connection.readPublic(handle).isPresent();
        if (occupied && !slot.replaces()) {
            throw new TpmException(String.format("handle 0x%08x already holds an object; "
                    + "choose another handle or replace it explicitly", handle));
        }
        CreateResponse created = create(request, pcrValues);
        TPM_HANDLE parent = connection.storageKey(ownerAuth);
        TPM_HANDLE loaded = tpm.authorize(PasswordAuthorization.EMPTY).Load(parent, created.outPrivate, created.outPublic);
        try {
            if (occupied) {
                hierarchies.evict(handle, ownerAuth);
            }
            loaded.Name = tpm.ReadPublic(loaded).name;
            try (SaltedSession session = connection.hmacSession()) {
                tpm.authorize(session).EvictControl(owner(ownerAuth), loaded, TPM_HANDLE.from(handle));
            }
        } finally {
            tpm.flushQuietly(loaded);
        }
        SortedMap<Integer, byte[]> sealedTo = new TreeMap<>();
        policy.pcrs().forEach(pcr -> sealedTo.put(pcr, pcrValues.get(pcr)));
        return new SealRecord(handle, policy, sealedTo);
    }

    SealedBlob sealToBlob(SealRequest request, Map<Integer, byte[]> pcrValues) {
        CreateResponse created = create(request, pcrValues);
        return new SealedBlob(new TPM2B_PUBLIC(created.outPublic).toBytes(), created.outPrivate.toBytes());
    }

    private CreateResponse create(SealRequest request, Map<Integer, byte[]> pcrValues) {
        TPM_HANDLE parent = connection.storageKey(request.ownerAuth());
        TPMS_SENSITIVE_CREATE sensitive = new TPMS_SENSITIVE_CREATE(request.auth().bytes().clone(),
                request.data().bytes().clone());
        try (SaltedSession session = connection.hmacSession()) {
            return tpm.authorize(session).Create(parent, sensitive,
                    Templates.sealedData(request.policy().digest(pcrValues)),
                    new byte[0], new TPMS_PCR_SELECTION[0]);
        } finally {
            Arrays.fill(sensitive.userAuth, (byte) 0);
            Arrays.fill(sensitive.data, (byte) 0);
        }
    }

    Secret unseal(int handle, PcrPolicy policy, Secret auth) {
        TPM_HANDLE object = TPM_HANDLE.from(handle);
        object.Name = connection.readPublic(handle)
                .orElseThrow(() -> new TpmException(String.format("no sealed object at handle 0x%08x", handle)))
                .name;
        return unsealLoaded(object, policy, auth);
    }

    Secret unseal(SealedBlob blob, PcrPolicy policy, Secret auth) {
        TPM_HANDLE loaded = connection.loadChild(blob.publicArea(), buffer -> TPM2B_PUBLIC.fromTpm(buffer).publicArea,
                blob.privateArea(), "the sealed blob");
        try {
            return unsealLoaded(loaded, policy, auth);
        } finally {
            tpm.flushQuietly(loaded);
        }
    }

    private Secret unsealLoaded(TPM_HANDLE object, PcrPolicy policy, Secret auth) {
        object.AuthValue = auth.bytes();
        try (SaltedSession session = connection.policySession()) {
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

    Optional<byte[]> objectPolicy(int handle) {
        return connection.readPublic(handle).map(p -> p.outPublic.authPolicy);
    }
}
