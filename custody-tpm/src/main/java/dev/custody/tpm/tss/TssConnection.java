package dev.custody.tpm.tss;

import dev.custody.common.Secret;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.TpmCommandException;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.TssParsing;
import dev.custody.tpm.session.PasswordAuthorization;
import dev.custody.tpm.session.SaltedSession;
import dev.custody.tpm.session.SessionedTpm;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tss.TpmBuffer;
import tss.tpm.GetCapabilityResponse;
import tss.tpm.ReadPublicResponse;
import tss.tpm.TPM2B_PRIVATE;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;

/**
 * What every concern of {@link TssTpm} shares: the command layer, the salted sessions (and the key
 * they are salted to), the storage key, reading objects, and handles carrying their passphrases.
 */
final class TssConnection {
    /** The command layer; callers authorize each command with a session from here. */
    final SessionedTpm tpm;
    private TPM_HANDLE saltKey;
    private TPMT_PUBLIC saltKeyPublic;
    private boolean saltKeyIsTransient;

    TssConnection(SessionedTpm tpm) {
        this.tpm = tpm;
    }

    SaltedSession hmacSession() {
        ensureSaltKey();
        return SaltedSession.start(tpm, saltKey, saltKeyPublic, SaltedSession.Kind.HMAC);
    }

    SaltedSession policySession() {
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
        var storage = readPublic(TssTpm.STORAGE_KEY_HANDLE);
        if (storage.isPresent()) {
            saltKey = TPM_HANDLE.from(TssTpm.STORAGE_KEY_HANDLE);
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

    /** After the storage key went away (evicted, TPM cleared) or when closing: the next session finds a new salt key. */
    void forgetSaltKey() {
        if (saltKey != null && saltKeyIsTransient) {
            tpm.flushQuietly(saltKey);
        }
        saltKey = null;
        saltKeyPublic = null;
    }

    /** Transient objects, the salt key among them, do not survive a power cycle. */
    void afterPowerCycle() {
        saltKey = null;
        saltKeyPublic = null;
        tpm.forgetTransientHandles();
    }

    /** The persistent storage key, created the way Heads creates it if it does not exist yet. */
    TPM_HANDLE storageKey(Secret ownerAuth) {
        TPM_HANDLE handle = TPM_HANDLE.from(TssTpm.STORAGE_KEY_HANDLE);
        var existing = readPublic(TssTpm.STORAGE_KEY_HANDLE);
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

    /**
     * Loads a child of the storage key from its stored parts, with its name read; the caller flushes
     * it. The parts come from a file, so they must parse exactly: TSS.Java reads a cut-short area
     * as zeros and ignores trailing bytes, and the TPM would then be asked to load what was never stored.
     */
    TPM_HANDLE loadChild(byte[] publicArea, Function<TpmBuffer, TPMT_PUBLIC> publicParser, byte[] privateArea, String what) {
        TPMT_PUBLIC parsedPublic = TssParsing.exactly(publicArea, publicParser)
                .orElseThrow(() -> new TpmException(what + "'s public area does not parse as a TPM structure"));
        TPM2B_PRIVATE parsedPrivate = TssParsing.exactly(privateArea, TPM2B_PRIVATE::fromTpm)
                .orElseThrow(() -> new TpmException(what + "'s private area does not parse as a TPM structure"));
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

    Optional<ReadPublicResponse> readPublic(int handle) {
        try {
            ReadPublicResponse response = tpm.ReadPublic(TPM_HANDLE.from(handle));
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

    /** The capability data the answer carries, refused when the TPM answered with another kind than asked. */
    static <T> T capability(GetCapabilityResponse caps, Class<T> kind) {
        if (!kind.isInstance(caps.capabilityData)) {
            throw new TpmException("the TPM answered TPM2_GetCapability with other data than asked for ("
                    + kind.getSimpleName() + ")");
        }
        return kind.cast(caps.capabilityData);
    }

    static TPM_HANDLE platform(Secret platformAuth) {
        TPM_HANDLE handle = TPM_HANDLE.from(0x4000000C);
        handle.AuthValue = platformAuth.bytes();
        return handle;
    }

    static TPM_HANDLE owner(Secret ownerAuth) {
        return hierarchy(Hierarchy.OWNER, ownerAuth);
    }

    static TPM_HANDLE hierarchy(Hierarchy hierarchy, Secret auth) {
        TPM_HANDLE handle = TPM_HANDLE.from(hierarchy.handle());
        handle.AuthValue = auth.bytes();
        return handle;
    }

    static TPMS_PCR_SELECTION selection(PcrBank bank, Collection<Integer> pcrs) {
        byte[] select = new byte[3];
        for (int pcr : pcrs) {
            if (pcr < 0 || pcr > PcrPolicy.HIGHEST_PCR) {
                throw new IllegalArgumentException("PCR " + pcr + " does not exist (PCRs are numbered 0-23)");
            }
            select[pcr / 8] |= (byte) (1 << (pcr % 8));
        }
        return new TPMS_PCR_SELECTION(algorithm(bank), select);
    }

    static List<Integer> indices(byte[] bitmap) {
        List<Integer> pcrs = new ArrayList<>();
        for (int i = 0; i < bitmap.length * 8; i++) {
            if ((bitmap[i / 8] & (1 << (i % 8))) != 0) {
                pcrs.add(i);
            }
        }
        return pcrs;
    }

    static TPM_ALG_ID algorithm(PcrBank bank) {
        return TPM_ALG_ID.fromInt(bank.algorithmId());
    }

    static void checkPersistentHandle(int handle) {
        if ((handle >>> 24) != 0x81) {
            throw new IllegalArgumentException(String.format(
                    "0x%08x is not a persistent handle (those are 0x81000000-0x81ffffff)", handle));
        }
    }
}
