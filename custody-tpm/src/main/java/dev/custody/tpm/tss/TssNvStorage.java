package dev.custody.tpm.tss;

import static dev.custody.tpm.tss.TssConnection.capability;
import static dev.custody.tpm.tss.TssConnection.owner;

import dev.custody.common.Secret;
import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.TpmCommandException;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.session.SaltedSession;
import dev.custody.tpm.session.SessionedTpm;
import java.nio.ByteBuffer;
import tss.tpm.GetCapabilityResponse;
import tss.tpm.NV_ReadPublicResponse;
import tss.tpm.TPMA_NV;
import tss.tpm.TPML_HANDLE;
import tss.tpm.TPMS_NV_PUBLIC;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_CAP;
import tss.tpm.TPM_HANDLE;

/** NV storage: owner-defined indices for data and monotonic counters (Heads' rollback counter). */
final class TssNvStorage {
    private static final int NV_OWNERWRITE = 0x2;
    private static final int NV_AUTHWRITE = 0x4;
    private static final int NV_COUNTER = 0x10;
    private static final int NV_OWNERREAD = 0x20000;
    private static final int NV_AUTHREAD = 0x40000;

    private final TssConnection connection;
    private final SessionedTpm tpm;

    TssNvStorage(TssConnection connection) {
        this.connection = connection;
        this.tpm = connection.tpm;
    }

    void defineNv(int index, int size, Secret ownerAuth) {
        define(index, size, NV_OWNERWRITE | NV_OWNERREAD | NV_AUTHWRITE | NV_AUTHREAD, ownerAuth);
    }

    boolean nvIndexExists(int index) {
        checkNvIndex(index);
        GetCapabilityResponse caps = tpm.GetCapability(TPM_CAP.HANDLES, index, 1);
        TPM_HANDLE[] found = capability(caps, TPML_HANDLE.class).handle;
        return found.length > 0 && found[0].handle == index;
    }

    void defineCounter(int index, Secret ownerAuth) {
        define(index, Long.BYTES, NV_COUNTER | NV_OWNERREAD | NV_AUTHWRITE | NV_AUTHREAD, ownerAuth);
    }

    private void define(int index, int size, int attributes, Secret ownerAuth) {
        checkNvIndex(index);
        TPMS_NV_PUBLIC spec = new TPMS_NV_PUBLIC(TPM_HANDLE.from(index), TPM_ALG_ID.SHA256,
                TPMA_NV.fromInt(attributes), new byte[0], size);
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).NV_DefineSpace(owner(ownerAuth), new byte[0], spec);
        } catch (TpmCommandException e) {
            if (e.code().is(ResponseCode.NV_DEFINED)) {
                throw new TpmException(String.format("NV index 0x%08x is already defined", index));
            }
            throw e;
        }
    }

    byte[] readNv(int index) {
        TPMS_NV_PUBLIC spec = nvPublic(index);
        return nvRead(index, spec.dataSize);
    }

    private byte[] nvRead(int index, int size) {
        TPM_HANDLE nv = nvHandle(index);
        try (SaltedSession session = connection.hmacSession()) {
            return tpm.authorize(session).NV_Read(nv, nv, size, 0);
        } catch (TpmCommandException e) {
            if (e.code().is(ResponseCode.NV_UNINITIALIZED)) {
                throw new TpmException(String.format("NV index 0x%08x has never been written", index));
            }
            throw e;
        }
    }

    void writeNv(int index, byte[] data, int offset) {
        TPM_HANDLE nv = nvHandle(index);
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).NV_Write(nv, nv, data, offset);
        }
    }

    void undefineNv(int index, Secret ownerAuth) {
        TPM_HANDLE nv = nvHandle(index);
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).NV_UndefineSpace(owner(ownerAuth), nv);
        }
    }

    long incrementCounter(int index) {
        TPM_HANDLE nv = nvHandle(index);
        try (SaltedSession session = connection.hmacSession()) {
            tpm.authorize(session).NV_Increment(nv, nv);
        }
        return readCounter(index);
    }

    long readCounter(int index) {
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

    private NV_ReadPublicResponse readNvPublic(int index) {
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

    private static void checkNvIndex(int index) {
        if ((index >>> 24) != 0x01) {
            throw new IllegalArgumentException(String.format(
                    "0x%08x is not an NV index (those are 0x01000000-0x01ffffff)", index));
        }
    }
}
