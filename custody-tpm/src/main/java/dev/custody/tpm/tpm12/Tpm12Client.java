package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;
import dev.custody.tpm.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Sends TPM 1.2 commands (TPM Main Part 3) and checks their answers: the result code, the
 * declared size, and the HMAC of every authorisation session.
 */
public final class Tpm12Client implements AutoCloseable {
    private static final int HEADER_LENGTH = 10;
    private static final int TAG_RQU_COMMAND = 0x00C1;
    private static final int TAG_RSP_COMMAND = 0x00C4;

    /** The SRK's secret, as Heads (tpmtotp's takeown) and Custody leave it: 20 zero bytes. */
    private static final byte[] WELL_KNOWN_SRK = new byte[Sha1.LENGTH];

    private final Transport transport;
    private TransportSession secrecy;

    public Tpm12Client(Transport transport) {
        this.transport = transport;
    }

    public String describe() {
        return transport.describe();
    }

    Reader execute(CommandBuilder command, AuthSession... sessions) {
        return execute(command, 0, sessions);
    }

    /**
     * Runs one command. {@code outputHandleBytes} leading bytes of the answer are handles, which
     * the answer's HMAC leaves out (TPM_LoadKey2's new key handle).
     */
    Reader execute(CommandBuilder command, int outputHandleBytes, AuthSession... sessions) {
        return parse(transport.transmit(frame(command, sessions)), command, outputHandleBytes, sessions);
    }

    /**
     * As {@link #execute}, with parameters and answer encrypted in a transport session, for
     * commands whose data is secret. The session is set up at first use and kept until close.
     */
    Reader executeSecretly(CommandBuilder command, AuthSession... sessions) {
        if (secrecy == null || !secrecy.isOpen()) {
            secrecy = TransportSession.establish(this, WELL_KNOWN_SRK);
        }
        return secrecy.execute(command, 0, sessions);
    }

    /** After a power cycle: the TPM has forgotten every session, so there is nothing to end. */
    public void sessionsLost() {
        secrecy = null;
    }

    byte[] transmit(byte[] request) {
        return transport.transmit(request);
    }

    /** The command as it goes on the bus: header, handles, parameters, one trailer per session. */
    byte[] frame(CommandBuilder command, AuthSession... sessions) {
        byte[] parameterDigest = sessions.length > 0 ? command.parameterDigest() : null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(command.handleBytes());
        body.writeBytes(command.parameterBytes());
        for (AuthSession session : sessions) {
            body.writeBytes(session.trailer(parameterDigest));
        }
        byte[] request = new byte[HEADER_LENGTH + body.size()];
        request[0] = 0;
        request[1] = (byte) (TAG_RQU_COMMAND + sessions.length);
        System.arraycopy(CommandBuilder.intBytes(request.length), 0, request, 2, 4);
        System.arraycopy(CommandBuilder.intBytes(command.ordinal().code()), 0, request, 6, 4);
        System.arraycopy(body.toByteArray(), 0, request, HEADER_LENGTH, body.size());
        return request;
    }

    /** Checks an answer's result code, size and session HMACs; returns its output parameters. */
    Reader parse(byte[] response, CommandBuilder command, int outputHandleBytes, AuthSession... sessions) {
        String name = command.ordinal().specName();
        Reader header = new Reader(response, name + " response");
        int tag = header.u16();
        int size = header.u32();
        int code = header.u32();
        if (code != Tpm12ResponseCode.SUCCESS) {
            for (AuthSession session : sessions) {
                session.ended();
            }
            throw new Tpm12CommandException(name, new Tpm12ResponseCode(code));
        }
        int trailers = sessions.length * AuthSession.responseTrailerLength();
        if (tag != TAG_RSP_COMMAND + sessions.length || size != response.length
                || size < HEADER_LENGTH + trailers + outputHandleBytes) {
            throw new TpmException(name + ": " + transport.describe() + " sent a malformed answer (tag 0x"
                    + Integer.toHexString(tag) + ", " + size + " bytes); is this a TPM 1.2?");
        }
        byte[] output = Arrays.copyOfRange(response, HEADER_LENGTH, response.length - trailers);
        if (sessions.length > 0) {
            byte[] outputDigest = Sha1.hash(CommandBuilder.intBytes(code), CommandBuilder.intBytes(command.ordinal().code()),
                    Arrays.copyOfRange(output, outputHandleBytes, output.length));
            int at = response.length - trailers;
            for (AuthSession session : sessions) {
                session.verify(outputDigest, Arrays.copyOfRange(response, at, at + AuthSession.responseTrailerLength()), name);
                at += AuthSession.responseTrailerLength();
            }
        }
        return new Reader(output, name + " response");
    }

    // ---- Entities and handles (TPM Main Part 2, sections 4.3 and 5.17) ----
    static final int ET_KEYHANDLE = 0x0001;
    static final int ET_OWNER = 0x0002;
    static final int ET_SRK = 0x0004;
    public static final int KH_SRK = 0x40000000;
    public static final int KH_OWNER = 0x40000001;
    static final int KH_EK = 0x40000006;
    public static final int RT_KEY = 0x00000001;
    public static final int RT_AUTH = 0x00000002;
    public static final int RT_TRANS = 0x00000004;
    public static final int RT_COUNTER = 0x00000006;
    private static final int ST_CLEAR = 0x0001;
    private static final int CAP_FLAG = 0x00000004;
    private static final int CAP_PROPERTY = 0x00000005;
    private static final int CAP_HANDLE = 0x00000014;
    private static final int CAP_NV_LIST = 0x0000000D;
    private static final int CAP_NV_INDEX = 0x00000011;
    private static final int CAP_VERSION_VAL = 0x0000001A;
    private static final int CAP_FLAG_PERMANENT = 0x00000108;
    private static final int CAP_FLAG_VOLATILE = 0x00000109;
    public static final int PROP_PCR = 0x00000101;
    public static final int PROP_MANUFACTURER = 0x00000103;
    public static final int PROP_OWNER = 0x00000111;
    public static final int PROP_KEYS = 0x00000104;
    public static final int PROP_COUNTERS = 0x0000010C;
    public static final int PROP_MAX_NV_AVAILABLE = 0x00000123;
    private static final int PID_OWNER = 0x0005;
    private static final int PID_ADCP = 0x0004;
    private static final int KEY_STORAGE = 0x0011;
    private static final int KEY_SIGNING = 0x0010;
    private static final int ES_NONE = 0x0001;
    private static final int ES_RSAESOAEP_SHA1_MGF1 = 0x0003;
    private static final int SS_NONE = 0x0001;
    private static final int SS_RSASSAPKCS1V15_SHA1 = 0x0002;
    private static final int AUTH_NEVER = 0x00;
    private static final int AUTH_ALWAYS = 0x01;
    private static final int RSA_BITS = 2048;

    /** TPM_Startup(ST_CLEAR), as firmware sends it at power-on. */
    public void startup() {
        execute(new CommandBuilder(Ordinal.STARTUP).u16(ST_CLEAR));
    }

    /** TPM_SaveState, as an operating system sends it before suspend or power-off. */
    public void saveState() {
        execute(new CommandBuilder(Ordinal.SAVE_STATE));
    }

    /** The capability's answer, to be read as {@code structure}; running short names both. */
    Reader capability(int area, byte[] subCap, String structure) {
        byte[] answer = execute(new CommandBuilder(Ordinal.GET_CAPABILITY).u32(area).sized(subCap)).sized();
        return new Reader(answer, "TPM_GetCapability's " + structure);
    }

    public int property(int property) {
        return capability(CAP_PROPERTY, CommandBuilder.intBytes(property), "property 0x" + Integer.toHexString(property))
                .u32();
    }

    public boolean hasOwner() {
        return capability(CAP_PROPERTY, CommandBuilder.intBytes(PROP_OWNER), "TPM_CAP_PROP_OWNER").u8() != 0;
    }

    public VersionInfo version() {
        return VersionInfo.read(capability(CAP_VERSION_VAL, new byte[0], "TPM_CAP_VERSION_INFO"));
    }

    /** TPM_PERMANENT_FLAGS (tag, then one byte per flag in the order of Part 2, section 7.1). */
    public PermanentFlags permanentFlags() {
        return PermanentFlags.read(capability(CAP_FLAG, CommandBuilder.intBytes(CAP_FLAG_PERMANENT), "TPM_PERMANENT_FLAGS"));
    }

    /** TPM_STCLEAR_FLAGS: physical presence, deactivation and locks until the next power-on. */
    public VolatileFlags volatileFlags() {
        return VolatileFlags.read(capability(CAP_FLAG, CommandBuilder.intBytes(CAP_FLAG_VOLATILE), "TPM_STCLEAR_FLAGS"));
    }

    /** Loaded handles of one resource type (TPM_CAP_HANDLE): keys, sessions, transports, counters. */
    public List<Integer> handles(int resourceType) {
        Reader in = capability(CAP_HANDLE, CommandBuilder.intBytes(resourceType), "TPM_KEY_HANDLE_LIST");
        int count = in.u16();
        List<Integer> handles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            handles.add(in.u32());
        }
        return handles;
    }

    public List<Integer> nvIndexes() {
        Reader in = capability(CAP_NV_LIST, new byte[0], "NV index list");
        List<Integer> indexes = new ArrayList<>();
        while (in.remaining() >= 4) {
            indexes.add(in.u32());
        }
        return indexes;
    }

    public Optional<NvPublic> nvPublic(int index) {
        try {
            return Optional.of(NvPublic.read(capability(CAP_NV_INDEX, CommandBuilder.intBytes(index), "TPM_NV_DATA_PUBLIC")));
        } catch (Tpm12CommandException e) {
            if (e.code().is(Tpm12ResponseCode.BADINDEX)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public byte[] pcrRead(int pcr) {
        return execute(new CommandBuilder(Ordinal.PCR_READ).u32(pcr)).bytes(Sha1.LENGTH);
    }

    /** TPM_Extend: PCR = SHA1(PCR || digest); returns the new value. */
    public byte[] extend(int pcr, byte[] digest) {
        if (digest.length != Sha1.LENGTH) {
            throw new IllegalArgumentException("a TPM 1.2 PCR is extended with a 20-byte SHA-1 digest, not " + digest.length + " bytes");
        }
        return execute(new CommandBuilder(Ordinal.EXTEND).u32(pcr).bytes(digest)).bytes(Sha1.LENGTH);
    }

    /** TPM_GetRandom inside an encrypting transport session (the TPM needs an owner, for the SRK). */
    public byte[] random(int length) {
        return random(length, command -> executeSecretly(command));
    }

    /** TPM_GetRandom as plain commands: the bytes cross the bus in the clear. */
    public byte[] randomInTheClear(int length) {
        return random(length, command -> execute(command));
    }

    private byte[] random(int length, java.util.function.Function<CommandBuilder, Reader> channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < length) {
            int wanted = length - out.size();
            byte[] chunk = channel.apply(new CommandBuilder(Ordinal.GET_RANDOM).u32(wanted)).sized();
            if (chunk.length == 0 || chunk.length > wanted) {
                throw new TpmException("TPM_GetRandom returned " + chunk.length + " bytes when " + wanted + " were asked for");
            }
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    /**
     * TPM_Seal under {@code keyHandle} (the SRK for Heads): an OSAP session on the key carries
     * the new blob's secret encrypted (ADIP), and {@code pcrInfo} (TPM_PCR_INFO) binds it.
     * Returns TPM_STORED_DATA.
     */
    public byte[] seal(int keyHandle, byte[] keyAuth, byte[] pcrInfo, byte[] dataAuth, byte[] data) {
        int entityType = keyHandle == KH_SRK ? ET_SRK : ET_KEYHANDLE;
        try (AuthSession session = AuthSession.osap(this, entityType, keyHandle, keyAuth)) {
            CommandBuilder command = new CommandBuilder(Ordinal.SEAL).handle(keyHandle)
                    .bytes(session.encryptAuth(dataAuth)).sized(pcrInfo).sized(data);
            Reader out = executeSecretly(command, session);
            return StoredData.parse(out.rest()).bytes();
        }
    }

    /** TPM_Unseal: the key's and the blob's secrets each prove themselves by HMAC in their own session. */
    public byte[] unseal(int keyHandle, byte[] keyAuth, byte[] storedData, byte[] dataAuth) {
        try (AuthSession keySession = AuthSession.oiap(this, keyAuth);
             AuthSession dataSession = AuthSession.oiap(this, dataAuth)) {
            CommandBuilder command = new CommandBuilder(Ordinal.UNSEAL).handle(keyHandle).bytes(storedData);
            return executeSecretly(command, keySession, dataSession).sized();
        }
    }

    /** TPM_NV_DefineSpace with the owner's OSAP session; the area's own secret goes encrypted (ADIP). */
    public void nvDefine(NvPublic area, byte[] ownerAuth, byte[] areaAuth) {
        try (AuthSession session = AuthSession.osap(this, ET_OWNER, KH_OWNER, ownerAuth)) {
            execute(new CommandBuilder(Ordinal.NV_DEFINE_SPACE).bytes(area.bytes()).bytes(session.encryptAuth(areaAuth)),
                    session);
        }
    }

    /** Deletes an NV area: TPM_NV_DefineSpace of the same index with size 0. */
    public void nvRelease(int index, byte[] ownerAuth) {
        nvDefine(NvPublic.unbound(index, 0, 0), ownerAuth, new byte[Sha1.LENGTH]);
    }

    /** TPM_NV_WriteValue, authorised by the owner, or with no authorisation when {@code ownerAuth} is null. */
    public void nvWrite(int index, int offset, byte[] data, byte[] ownerAuth) {
        CommandBuilder command = new CommandBuilder(Ordinal.NV_WRITE_VALUE).u32(index).u32(offset).sized(data);
        withOptionalOwner(command, ownerAuth);
    }

    /** TPM_NV_ReadValue, authorised by the owner, or with no authorisation when {@code ownerAuth} is null. */
    public byte[] nvRead(int index, int offset, int length, byte[] ownerAuth) {
        CommandBuilder command = new CommandBuilder(Ordinal.NV_READ_VALUE).u32(index).u32(offset).u32(length);
        return withOptionalOwner(command, ownerAuth).sized();
    }

    /** TPM_NV_WriteValueAuth: authorised by the area's own secret. */
    public void nvWriteWithAreaAuth(int index, int offset, byte[] data, byte[] areaAuth) {
        try (AuthSession session = AuthSession.oiap(this, areaAuth)) {
            execute(new CommandBuilder(Ordinal.NV_WRITE_VALUE_AUTH).u32(index).u32(offset).sized(data), session);
        }
    }

    /** TPM_NV_ReadValueAuth: authorised by the area's own secret. */
    public byte[] nvReadWithAreaAuth(int index, int offset, int length, byte[] areaAuth) {
        try (AuthSession session = AuthSession.oiap(this, areaAuth)) {
            return execute(new CommandBuilder(Ordinal.NV_READ_VALUE_AUTH).u32(index).u32(offset).u32(length), session)
                    .sized();
        }
    }

    private Reader withOptionalOwner(CommandBuilder command, byte[] ownerAuth) {
        if (ownerAuth == null) {
            return execute(command);
        }
        try (AuthSession session = AuthSession.oiap(this, ownerAuth)) {
            return execute(command, session);
        }
    }

    /** TPM_CreateCounter: the owner creates it; its own secret goes encrypted (ADIP); the TPM picks the id. */
    public CounterValue createCounter(int label, byte[] counterAuth, byte[] ownerAuth) {
        try (AuthSession session = AuthSession.osap(this, ET_OWNER, KH_OWNER, ownerAuth)) {
            Reader out = execute(new CommandBuilder(Ordinal.CREATE_COUNTER)
                    .bytes(session.encryptAuth(counterAuth)).u32(label), session);
            int id = out.u32();
            return CounterValue.read(id, out);
        }
    }

    public CounterValue incrementCounter(int id, byte[] counterAuth) {
        try (AuthSession session = AuthSession.oiap(this, counterAuth)) {
            return CounterValue.read(id, execute(new CommandBuilder(Ordinal.INCREMENT_COUNTER).u32(id), session));
        }
    }

    public CounterValue readCounter(int id) {
        return CounterValue.read(id, execute(new CommandBuilder(Ordinal.READ_COUNTER).u32(id)));
    }

    public void releaseCounter(int id, byte[] ownerAuth) {
        try (AuthSession session = AuthSession.oiap(this, ownerAuth)) {
            execute(new CommandBuilder(Ordinal.RELEASE_COUNTER_OWNER).u32(id), session);
        }
    }

    /** TPM_ReadPubek: the endorsement key, readable only while the TPM has no owner. */
    public RSAPublicKey readPubek() {
        byte[] antiReplay = AuthSession.nonce();
        Reader out = execute(new CommandBuilder(Ordinal.READ_PUBEK).bytes(antiReplay));
        int start = out.position();
        RSAPublicKey key = KeyBlob.readPubkey(out);
        byte[] pubkey = out.bytesFrom(start);
        if (!MessageDigest.isEqual(Sha1.hash(pubkey, antiReplay), out.bytes(Sha1.LENGTH))) {
            throw new TpmException("TPM_ReadPubek: the endorsement key's checksum does not match; the answer was altered");
        }
        return key;
    }

    /** The endorsement key once the TPM has an owner (TPM_OwnerReadInternalPub). */
    public RSAPublicKey ownerReadEndorsementKey(byte[] ownerAuth) {
        try (AuthSession session = AuthSession.oiap(this, ownerAuth)) {
            return KeyBlob.readPubkey(execute(new CommandBuilder(Ordinal.OWNER_READ_INTERNAL_PUB).u32(KH_EK), session));
        }
    }

    /**
     * TPM_TakeOwnership: the owner's and the SRK's secrets travel encrypted to the endorsement
     * key (RSA-OAEP with the label "TCPA"); the session is keyed by the new owner secret. The
     * SRK is a 2048-bit storage key with authDataUsage NEVER, as tpmtotp's {@code takeown} makes it.
     */
    public KeyBlob takeOwnership(byte[] ownerAuth, byte[] srkAuth) {
        RSAPublicKey endorsementKey = readPubek();
        byte[] encOwner = Oaep.encrypt(endorsementKey, ownerAuth);
        byte[] encSrk = Oaep.encrypt(endorsementKey, srkAuth);
        byte[] srkParams = keyTemplate(KEY_STORAGE, AUTH_NEVER, ES_RSAESOAEP_SHA1_MGF1, SS_NONE);
        try (AuthSession session = AuthSession.oiap(this, ownerAuth)) {
            Reader out = execute(new CommandBuilder(Ordinal.TAKE_OWNERSHIP).u16(PID_OWNER)
                    .sized(encOwner).sized(encSrk).bytes(srkParams), session);
            return KeyBlob.read(out);
        }
    }

    /** TPM_ChangeAuthOwner: the new owner secret travels encrypted (ADIP) in the owner's OSAP session. */
    public void changeOwnerAuth(byte[] ownerAuth, byte[] newOwnerAuth) {
        try (AuthSession session = AuthSession.osap(this, ET_OWNER, KH_OWNER, ownerAuth)) {
            execute(new CommandBuilder(Ordinal.CHANGE_AUTH_OWNER).u16(PID_ADCP)
                    .bytes(session.encryptAuth(newOwnerAuth)).u16(ET_OWNER), session);
        }
    }

    /**
     * TPM_OwnerClear. The owner secret is gone once the command has run, and TPMs differ in
     * which secret their answer's HMAC uses, so the answer is checked for its result code only.
     */
    public void ownerClear(byte[] ownerAuth) {
        AuthSession session = AuthSession.oiap(this, ownerAuth);
        try {
            execute(new CommandBuilder(Ordinal.OWNER_CLEAR), session);
        } catch (Tpm12CommandException refused) {
            throw refused;
        } catch (TpmException answerHmacFailed) {
            // The TPM cleared the owner; only its answer's HMAC used a secret it no longer has.
        } finally {
            session.ended();
            session.close();
        }
    }

    /** TPM_ForceClear: needs physical presence instead of the owner secret (Heads' TPM reset). */
    public void forceClear() {
        execute(new CommandBuilder(Ordinal.FORCE_CLEAR));
    }

    /** TSC_PhysicalPresence with TPM_PHYSICAL_PRESENCE_* bits. */
    public void physicalPresence(int flags) {
        execute(new CommandBuilder(Ordinal.PHYSICAL_PRESENCE).u16(flags));
    }

    public void physicalEnable() {
        execute(new CommandBuilder(Ordinal.PHYSICAL_ENABLE));
    }

    public void physicalSetDeactivated(boolean deactivated) {
        execute(new CommandBuilder(Ordinal.PHYSICAL_SET_DEACTIVATED).u8(deactivated ? 1 : 0));
    }

    /** TPM_ResetLockValue: ends the dictionary-attack defence, with the owner secret. */
    public void resetLockValue(byte[] ownerAuth) {
        try (AuthSession session = AuthSession.oiap(this, ownerAuth)) {
            execute(new CommandBuilder(Ordinal.RESET_LOCK_VALUE), session);
        }
    }

    /** TPM_CreateWrapKey: a 2048-bit RSA signing key under {@code parent}; its secrets go encrypted (ADIP). */
    public KeyBlob createSigningKey(int parent, byte[] parentAuth, byte[] keyAuth) {
        return createKey(parent, parentAuth, keyAuth, keyTemplate(KEY_SIGNING, AUTH_ALWAYS, ES_NONE, SS_RSASSAPKCS1V15_SHA1));
    }

    /** A 2048-bit RSA storage key under {@code parent} that needs no authorisation (a transport session's key). */
    KeyBlob createStorageKey(int parent, byte[] parentAuth) {
        return createKey(parent, parentAuth, AuthSession.nonce(),
                keyTemplate(KEY_STORAGE, AUTH_NEVER, ES_RSAESOAEP_SHA1_MGF1, SS_NONE));
    }

    private KeyBlob createKey(int parent, byte[] parentAuth, byte[] keyAuth, byte[] template) {
        int entityType = parent == KH_SRK ? ET_SRK : ET_KEYHANDLE;
        try (AuthSession session = AuthSession.osap(this, entityType, parent, parentAuth)) {
            byte[] usage = session.encryptAuth(keyAuth);
            byte[] migration = session.encryptSecondAuth(keyAuth);
            Reader out = execute(new CommandBuilder(Ordinal.CREATE_WRAP_KEY).handle(parent).bytes(usage).bytes(migration)
                    .bytes(template), session);
            return KeyBlob.read(out);
        }
    }

    /** TPM_LoadKey2: returns the loaded key's handle; flush it with {@link #flush}. */
    public int loadKey(int parent, byte[] parentAuth, KeyBlob key) {
        try (AuthSession session = AuthSession.oiap(this, parentAuth)) {
            return execute(new CommandBuilder(Ordinal.LOAD_KEY2).handle(parent).bytes(key.bytes()), 4, session).u32();
        }
    }

    /** TPM_Quote2 without version info: the TPM signs TPM_QUOTE_INFO2 over the selected PCRs and the nonce. */
    public Quote2 quote2(int keyHandle, byte[] keyAuth, byte[] nonce, PcrSelection pcrs) {
        if (nonce.length != Sha1.LENGTH) {
            throw new IllegalArgumentException("a TPM 1.2 quote takes a 20-byte nonce, not " + nonce.length + " bytes");
        }
        try (AuthSession session = AuthSession.oiap(this, keyAuth)) {
            Reader out = execute(new CommandBuilder(Ordinal.QUOTE2).handle(keyHandle).bytes(nonce)
                    .bytes(pcrs.bytes()).u8(0), session);
            int start = out.position();
            PcrSelection.read(out);
            out.bytes(1 + Sha1.LENGTH);
            byte[] pcrInfoShort = out.bytesFrom(start);
            out.sized();
            return new Quote2(nonce, pcrInfoShort, out.sized());
        }
    }

    public void flush(int handle, int resourceType) {
        execute(new CommandBuilder(Ordinal.FLUSH_SPECIFIC).handle(handle).u32(resourceType));
    }

    /** A TPM_KEY12 template: RSA 2048, exponent 65537, no PCR binding, non-migratable. */
    private static byte[] keyTemplate(int keyUsage, int authDataUsage, int encScheme, int sigScheme) {
        CommandBuilder rsa = new CommandBuilder(Ordinal.CREATE_WRAP_KEY).u32(RSA_BITS).u32(2).u32(0);
        byte[] rsaParameters = rsa.parameterBytes();
        return new CommandBuilder(Ordinal.CREATE_WRAP_KEY)
                .u16(KeyBlob.TAG_KEY12).u16(0).u16(keyUsage).u32(0).u8(authDataUsage)
                .u32(KeyBlob.ALG_RSA).u16(encScheme).u16(sigScheme).sized(rsaParameters)
                .u32(0)
                .u32(0)
                .u32(0)
                .parameterBytes();
    }

    /** Frees a session, key or transport handle; one that is already gone is no error. */
    void flushQuietly(int handle, int resourceType) {
        try {
            execute(new CommandBuilder(Ordinal.FLUSH_SPECIFIC).handle(handle).u32(resourceType));
        } catch (TpmException ignored) {
            // The TPM ended it already (a failed command ends its sessions); nothing is left to free.
        }
    }

    @Override
    public void close() {
        try {
            if (secrecy != null) {
                secrecy.close();
            }
        } finally {
            transport.close();
        }
    }
}
