package dev.custody.tpm.session;

import dev.custody.tpm.ResponseCode;
import dev.custody.tpm.TpmCommandException;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.transport.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tss.ReqStructure;
import tss.RespStructure;
import tss.SessEncInfo;
import tss.Tpm;
import tss.TpmBuffer;
import tss.tpm.TPML_HANDLE;
import tss.tpm.TPM_CAP;
import tss.tpm.TPM_CC;
import tss.tpm.TPM_HANDLE;

/**
 * TSS.Java's command catalogue and marshalling with a command dispatcher of our own.
 *
 * <p>TSS.Java 1.0 only sends password sessions: authorisation values cross the bus in the clear
 * and parameters are never encrypted. This dispatcher replaces it. For every salted session it
 * computes command HMACs over cpHash (so passphrases are proven, not sent), verifies response
 * HMACs, and encrypts the first command and response parameter whenever the command has one,
 * so secrets such as sealed data, new passphrases and random seeds only cross encrypted.
 *
 * <p>It also keeps track of the transient objects and sessions it creates, so that when the TPM
 * reports its object or session memory full it can tell its own from the leftovers of earlier
 * runs that were killed before their {@code finally} could flush, free those and retry.
 */
public final class SessionedTpm extends Tpm {
    private static final short TAG_NO_SESSIONS = (short) 0x8001;
    private static final short TAG_SESSIONS = (short) 0x8002;
    private static final byte CONTINUE_SESSION = 0x01;
    private static final byte DECRYPT = 0x20;
    private static final byte ENCRYPT = 0x40;
    private static final int MAX_RETRIES = 5;
    private static final int TRANSIENT_OBJECTS = 0x80;
    private static final int LOADED_SESSIONS = 0x02;
    private static final int SAVED_SESSIONS = 0x03;
    private static final int HANDLES_PER_QUERY = 64;

    private final Transport transport;
    private final Consumer<String> warnings;
    /** Transient objects and sessions this connection created and has not flushed yet. */
    private final Set<Integer> ownHandles = new HashSet<>();
    private List<Authorization> nextAuthorizations = List.of();
    private byte[] nextResponseAuthValue;

    /** Warnings (one line each, such as leftovers being flushed) go to stderr. */
    public SessionedTpm(Transport transport) {
        this(transport, warning -> System.err.println("custody: warning: " + warning));
    }

    public SessionedTpm(Transport transport, Consumer<String> warnings) {
        this.transport = transport;
        this.warnings = warnings;
    }

    public Transport transport() {
        return transport;
    }

    /**
     * Authorisations for the next command, one per authorisation handle in order; a salted
     * session after those is used only to encrypt parameters.
     */
    public SessionedTpm authorize(Authorization... authorizations) {
        nextAuthorizations = List.of(authorizations);
        return this;
    }

    /**
     * For commands that change the authValue they are authorised with (TPM2_HierarchyChangeAuth):
     * the TPM computes the response HMAC with the new value.
     */
    public SessionedTpm expectResponseAuthValue(byte[] authValue) {
        nextResponseAuthValue = authValue;
        return this;
    }

    public void flushQuietly(TPM_HANDLE handle) {
        try {
            FlushContext(handle);
        } catch (TpmException ignored) {
            // Flushing is clean-up after the real work; a failure here must not hide its result.
        }
    }

    @Override
    public void FlushContext(TPM_HANDLE flushHandle) {
        super.FlushContext(flushHandle);
        ownHandles.remove(ownKey(flushHandle.handle));
    }

    /** After a power cycle nothing transient survives, ours included. */
    public void forgetTransientHandles() {
        ownHandles.clear();
    }

    @Override
    protected void DispatchCommand(TPM_CC command, ReqStructure request, RespStructure expected) {
        // TSS.Java passes null for commands without response parameters.
        RespStructure response = expected != null ? expected : new RespStructure();
        List<Authorization> authorizations = nextAuthorizations;
        byte[] responseAuthValue = nextResponseAuthValue;
        nextAuthorizations = List.of();
        nextResponseAuthValue = null;
        boolean reclaimed = false;
        for (int attempt = 0; ; attempt++) {
            byte[] reply = transport.transmit(marshal(command, request, response, authorizations));
            ResponseCode code = new ResponseCode(ByteBuffer.wrap(reply, 6, 4).getInt());
            if (isTransient(code) && attempt < MAX_RETRIES) {
                continue;
            }
            if (isMemoryFull(code) && !reclaimed) {
                reclaimed = true;
                reclaimLeftovers(command, code);
                continue;
            }
            if (!code.isSuccess()) {
                throw new TpmCommandException(commandName(command), code);
            }
            parse(command, request, response, authorizations, responseAuthValue, reply);
            if (response.numHandles() > 0 && isTransientOrSession(response.getHandle().handle)) {
                ownHandles.add(ownKey(response.getHandle().handle));
            }
            return;
        }
    }

    private static boolean isMemoryFull(ResponseCode code) {
        int base = code.base();
        return base == ResponseCode.OBJECT_MEMORY || base == ResponseCode.SESSION_MEMORY
                || base == ResponseCode.MEMORY || base == ResponseCode.OBJECT_HANDLES
                || base == ResponseCode.SESSION_HANDLES;
    }

    /**
     * Flushes every transient object and session this connection did not create, then lets the
     * caller retry once; says so in one warning line, or fails when there was nothing to free.
     *
     * <p>Why flushing what is not ours is safe here: swtpm serves one client connection at a
     * time, and the kernel's raw /dev/tpm0 admits one opener at a time, so anything transient
     * that this connection did not create was left by a client that has gone, typically a
     * Custody run killed with SIGKILL before its {@code finally} blocks ran. It is useless to
     * anyone now and is exactly what Heads clears with {@code tpm2_flushcontext -t/-l/-s}
     * (TPM2_FlushContext on every transient, loaded and saved session handle). Behind the
     * kernel resource manager (/dev/tpmrm0) GetCapability lists only this connection's own
     * handles, so nothing belonging to another process can be touched; there the TPM being full
     * means other processes hold its memory, and the command fails as before.
     */
    private void reclaimLeftovers(TPM_CC command, ResponseCode code) {
        Map<Integer, Integer> leftovers = new LinkedHashMap<>();
        for (int type : new int[] {TRANSIENT_OBJECTS, LOADED_SESSIONS, SAVED_SESSIONS}) {
            handlesOfType(type).stream().filter(h -> !ownHandles.contains(ownKey(h)))
                    .forEach(h -> leftovers.putIfAbsent(ownKey(h), h));
        }
        int flushed = 0;
        for (int handle : leftovers.values()) {
            try {
                super.FlushContext(TPM_HANDLE.from(handle));
                flushed++;
            } catch (TpmException alreadyGone) {
                // A saved session listed under both its types, or one that just ended: nothing to free.
            }
        }
        if (flushed == 0) {
            throw new TpmCommandException(commandName(command), code, code.explanation()
                    + ", and it holds nothing left over by earlier runs that Custody could free; close other"
                    + " programs using the TPM, or restart the machine");
        }
        warnings.accept(String.format("%s found the TPM full (%s); flushed %d transient object(s) and session(s)"
                + " left by earlier runs that were killed, and retried", commandName(command), code.name(), flushed));
    }

    private List<Integer> handlesOfType(int type) {
        List<Integer> handles = new ArrayList<>();
        int next = type << 24;
        while (true) {
            var listed = GetCapability(TPM_CAP.HANDLES, next, HANDLES_PER_QUERY);
            if (!(listed.capabilityData instanceof TPML_HANDLE list)) {
                throw new TpmException("the TPM answered TPM2_GetCapability(HANDLES) with other data than handles");
            }
            TPM_HANDLE[] found = list.handle;
            for (TPM_HANDLE handle : found) {
                // A loaded policy session is listed among loaded sessions with its 0x03 handle.
                if (type == TRANSIENT_OBJECTS ? handle.handle >>> 24 == TRANSIENT_OBJECTS : isSession(handle.handle)) {
                    handles.add(handle.handle);
                }
            }
            if (listed.moreData == 0 || found.length == 0) {
                return handles;
            }
            next = found[found.length - 1].handle + 1;
        }
    }

    private static boolean isTransientOrSession(int handle) {
        return handle >>> 24 == TRANSIENT_OBJECTS || isSession(handle);
    }

    private static boolean isSession(int handle) {
        int type = handle >>> 24;
        return type == LOADED_SESSIONS || type == SAVED_SESSIONS;
    }

    /**
     * A session keeps its slot number but may be listed as loaded (0x02) or as a policy or saved
     * session (0x03), so sessions are compared by slot.
     */
    private static int ownKey(int handle) {
        return handle >>> 24 == SAVED_SESSIONS ? (LOADED_SESSIONS << 24) | (handle & 0xFFFFFF) : handle;
    }

    private static String commandName(TPM_CC command) {
        return "TPM2_" + command.toString().replace("{", "").replace("}", "");
    }

    private static boolean isTransient(ResponseCode code) {
        return code.is(ResponseCode.RETRY) || code.is(ResponseCode.YIELDED) || code.is(ResponseCode.TESTING);
    }

    private byte[] marshal(TPM_CC command, ReqStructure request, RespStructure response,
                           List<Authorization> authorizations) {
        TPM_HANDLE[] handles = request.getHandles() == null ? new TPM_HANDLE[0] : request.getHandles();
        int authHandles = request.numAuthHandles();
        if (authorizations.size() < authHandles) {
            throw new IllegalStateException(commandName(command) + " needs " + authHandles + " authorisation(s)");
        }
        TpmBuffer paramBuffer = new TpmBuffer();
        request.toTpm(paramBuffer);
        // Parameters may hold secrets in the clear until encrypted below: copy, then wipe the original.
        byte[] parameters = Arrays.copyOf(paramBuffer.buffer(), paramBuffer.curPos());
        Arrays.fill(paramBuffer.buffer(), (byte) 0);

        TpmBuffer out = new TpmBuffer();
        out.writeShort(authorizations.isEmpty() ? TAG_NO_SESSIONS : TAG_SESSIONS);
        out.writeInt(0);
        out.writeInt(command.toInt());
        for (TPM_HANDLE handle : handles) {
            handle.toTpm(out);
        }
        if (!authorizations.isEmpty()) {
            authorizations.forEach(a -> {
                if (a instanceof SaltedSession session) {
                    session.newCommand();
                }
            });
            byte attributes = protectionAttributes(authorizations, request.sessEncInfo(), response.sessEncInfo());
            if ((attributes & DECRYPT) != 0) {
                SaltedSession session = (SaltedSession) authorizations.get(0);
                cryptFirstParameter(parameters, request.sessEncInfo(), (buf, off, len) ->
                        session.encryptCommandParameter(buf, off, len, authValue(handles, authHandles, 0)));
            }
            byte[] cpHash = cpHash(command, handles, parameters);
            TpmBuffer area = new TpmBuffer();
            for (int i = 0; i < authorizations.size(); i++) {
                writeAuthorization(area, authorizations.get(i), cpHash, authValue(handles, authHandles, i),
                        i == 0 ? attributes : CONTINUE_SESSION);
            }
            byte[] areaBytes = area.trim();
            out.writeInt(areaBytes.length);
            out.writeByteBuf(areaBytes);
        }
        out.writeByteBuf(parameters);
        out.writeNumAtPos(out.curPos(), 2);
        return out.trim();
    }

    /** Parameter encryption rides on the first session, when it is salted and there is something to protect. */
    private static byte protectionAttributes(List<Authorization> authorizations, SessEncInfo command, SessEncInfo reply) {
        byte attributes = CONTINUE_SESSION;
        if (authorizations.get(0) instanceof SaltedSession) {
            if (command.sizeLen > 0) {
                attributes |= DECRYPT;
            }
            if (reply.sizeLen > 0) {
                attributes |= ENCRYPT;
            }
        }
        return attributes;
    }

    private static void writeAuthorization(TpmBuffer area, Authorization authorization, byte[] cpHash,
                                           byte[] authValue, byte attributes) {
        // Not a pattern switch over the two kinds: its bootstrap generates a class at run time, which
        // no start-up cache holds, at every TOTP.
        if (authorization instanceof SaltedSession session) {
            byte[] hmac = session.commandHmac(cpHash, authValue, attributes);
            session.handle().toTpm(area);
            area.writeSizedByteBuf(session.nonceCaller());
            area.writeByte(attributes);
            area.writeSizedByteBuf(hmac);
        } else {
            area.writeInt(0x40000009); // TPM_RS_PW
            area.writeSizedByteBuf(new byte[0]);
            area.writeByte(CONTINUE_SESSION);
            area.writeSizedByteBuf(authValue);
        }
    }

    /**
     * TSS.Java's unmarshalling trusts the sizes and selectors a response declares; whatever it throws
     * on a hostile or broken response (a chip, or whoever sits on its bus) becomes a refusal that names
     * the command. An absurd declared count fails its array allocation at once, without using the heap.
     */
    private void parse(TPM_CC command, ReqStructure request, RespStructure response,
                       List<Authorization> authorizations, byte[] responseAuthValue, byte[] reply) {
        try {
            unmarshal(command, request, response, authorizations, responseAuthValue, reply);
        } catch (TpmException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new TpmException("the TPM's response to " + commandName(command)
                    + " does not parse: it declares sizes or values its contents do not fit");
        }
    }

    private void unmarshal(TPM_CC command, ReqStructure request, RespStructure response,
                           List<Authorization> authorizations, byte[] responseAuthValue, byte[] reply) {
        TpmBuffer in = new TpmBuffer(reply);
        short tag = (short) in.readShort();
        in.readInt();
        in.readInt();
        if (response.numHandles() > 0) {
            response.setHandle(TPM_HANDLE.fromTpm(in));
        }
        byte[] parameters;
        if (tag == TAG_SESSIONS) {
            parameters = in.readByteBuf(in.readInt());
            verifySessions(command, request, authorizations, responseAuthValue, in, parameters);
            if (!authorizations.isEmpty() && authorizations.get(0) instanceof SaltedSession session
                    && response.sessEncInfo().sizeLen > 0) {
                TPM_HANDLE[] handles = request.getHandles() == null ? new TPM_HANDLE[0] : request.getHandles();
                byte[] authValue = responseAuthValue != null ? responseAuthValue
                        : authValue(handles, request.numAuthHandles(), 0);
                cryptFirstParameter(parameters, response.sessEncInfo(), (buf, off, len) ->
                        session.decryptResponseParameter(buf, off, len, authValue));
            }
        } else {
            parameters = in.readByteBuf(in.size() - in.curPos());
        }
        if (!in.isOk()) {
            throw new TpmException("the TPM's response to " + commandName(command) + " is truncated");
        }
        TpmBuffer parameterBuffer = new TpmBuffer(parameters);
        response.initFromTpm(parameterBuffer);
        Arrays.fill(parameters, (byte) 0);
        if (!parameterBuffer.isOk()) {
            throw new TpmException("the TPM's response to " + commandName(command) + " does not parse");
        }
    }

    private void verifySessions(TPM_CC command, ReqStructure request, List<Authorization> authorizations,
                                byte[] responseAuthValue, TpmBuffer in, byte[] parameters) {
        TPM_HANDLE[] handles = request.getHandles() == null ? new TPM_HANDLE[0] : request.getHandles();
        byte[] rpHash = null;
        for (int i = 0; i < authorizations.size(); i++) {
            byte[] nonceTpm = in.readSizedByteBuf();
            byte attributes = in.readByte();
            byte[] hmac = in.readSizedByteBuf();
            if (authorizations.get(i) instanceof SaltedSession session) {
                if (rpHash == null) {
                    rpHash = sha256(new byte[4], intBytes(command.toInt()), parameters);
                }
                byte[] authValue = i == 0 && responseAuthValue != null
                        ? responseAuthValue : authValue(handles, request.numAuthHandles(), i);
                session.acceptResponse(rpHash, nonceTpm, attributes, hmac, authValue);
            }
        }
    }

    /** cpHash = H(commandCode || names of all handles || parameters as sent). */
    private static byte[] cpHash(TPM_CC command, TPM_HANDLE[] handles, byte[] parameters) {
        byte[][] parts = new byte[handles.length + 2][];
        parts[0] = intBytes(command.toInt());
        for (int i = 0; i < handles.length; i++) {
            parts[i + 1] = name(handles[i]);
        }
        parts[parts.length - 1] = parameters;
        return sha256(parts);
    }

    /**
     * Objects and NV indexes are named by the hash of their public area, which the caller must
     * have read; everything else is named by its handle (TPM 2.0 Part 1 §16).
     */
    private static byte[] name(TPM_HANDLE handle) {
        int type = handle.handle >>> 24;
        boolean hashNamed = type == 0x01 || type == 0x80 || type == 0x81;
        if (!hashNamed) {
            return intBytes(handle.handle);
        }
        if (handle.Name == null || handle.Name.length == 0) {
            throw new IllegalStateException(String.format("the name of handle 0x%08x was not read", handle.handle));
        }
        return handle.Name;
    }

    private static byte[] authValue(TPM_HANDLE[] handles, int authHandles, int index) {
        if (index >= authHandles || handles[index].AuthValue == null) {
            return new byte[0];
        }
        return handles[index].AuthValue;
    }

    @FunctionalInterface
    private interface RangeCipher {
        void apply(byte[] buffer, int offset, int length);
    }

    /** The first parameter is a sized buffer; only its value bytes are encrypted, not the size. */
    private static void cryptFirstParameter(byte[] parameters, SessEncInfo info, RangeCipher cipher) {
        if (parameters.length < info.sizeLen) {
            return;
        }
        int count = 0;
        for (int i = 0; i < info.sizeLen; i++) {
            count = (count << 8) | (parameters[i] & 0xff);
        }
        int length = count * info.valLen;
        if (info.sizeLen + length > parameters.length) {
            throw new TpmException("encrypted parameter is longer than its command or response");
        }
        if (length > 0) {
            cipher.apply(parameters, info.sizeLen, length);
        }
    }

    private static byte[] sha256(byte[]... parts) {
        return dev.custody.tpm.PcrBank.SHA256.hash(parts);
    }

    private static byte[] intBytes(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
