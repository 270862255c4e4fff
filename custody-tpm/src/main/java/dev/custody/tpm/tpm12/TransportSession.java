package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An encrypting transport session (TPM Main Part 1, section 24; Part 3, chapter 24): the TPM 1.2
 * way to keep command parameters and answers secret on the bus. TPM_Seal's data, TPM_Unseal's
 * result and TPM_GetRandom's bytes travel only inside TPM_ExecuteTransport, XORed with
 * MGF1-SHA1(nonceEven || nonceOdd || "in"/"out" || sessionSecret), a fresh pad per command and
 * direction.
 *
 * <p>The 20-byte session secret is chosen here and sent to the TPM RSA-OAEP-encrypted
 * (TPM_TRANSPORT_AUTH, label "TCPA") to a storage key made for the purpose under the SRK and
 * flushed once the session is up. Every wrapped command and answer is authenticated with
 * HMAC-SHA1 under the session secret, with rolling nonces, as OIAP sessions are.
 *
 * <p>The session ends with TPM_FlushSpecific: TPM_ReleaseTransportSigned only serves sessions
 * that keep a log, and this one keeps none.
 */
final class TransportSession implements AutoCloseable {
    private static final int TAG_RQU_AUTH1 = 0x00C2;
    private static final int TAG_RSP_AUTH1 = 0x00C5;
    private static final int TAG_TRANSPORT_AUTH = 0x001D;
    private static final int TAG_TRANSPORT_PUBLIC = 0x001E;
    private static final int TRANSPORT_ENCRYPT = 0x00000001;
    private static final int ALG_MGF1 = 0x00000007;
    private static final int ES_NONE = 0x0001;
    private static final int HEADER = 10;
    private static final int CURRENT_TICKS = 2 + 8 + 2 + Sha1.LENGTH;
    private static final int RESPONSE_TRAILER = Sha1.LENGTH + 1 + Sha1.LENGTH;

    private final Tpm12Client client;
    private final int handle;
    private final byte[] secret;
    private byte[] nonceEven;
    private boolean open = true;

    private TransportSession(Tpm12Client client, int handle, byte[] secret, byte[] nonceEven) {
        this.client = client;
        this.handle = handle;
        this.secret = secret;
        this.nonceEven = nonceEven;
    }

    /** TPM_EstablishTransport with encryption, the secret encrypted to a fresh storage key under the SRK. */
    static TransportSession establish(Tpm12Client client, byte[] srkAuth) {
        KeyBlob key = client.createStorageKey(Tpm12Client.KH_SRK, srkAuth);
        int keyHandle = client.loadKey(Tpm12Client.KH_SRK, srkAuth, key);
        byte[] secret = AuthSession.nonce();
        try {
            ByteArrayOutputStream auth = new ByteArrayOutputStream();
            auth.writeBytes(new byte[] {0, (byte) TAG_TRANSPORT_AUTH});
            auth.writeBytes(secret);
            byte[] transPublic = new CommandBuilder(Ordinal.ESTABLISH_TRANSPORT).u16(TAG_TRANSPORT_PUBLIC)
                    .u32(TRANSPORT_ENCRYPT).u32(ALG_MGF1).u16(ES_NONE).parameterBytes();
            // The key's authDataUsage is NEVER, so the command carries no authorisation session.
            Reader out = client.execute(new CommandBuilder(Ordinal.ESTABLISH_TRANSPORT).handle(keyHandle)
                    .bytes(transPublic).sized(Oaep.encrypt(key.publicKey(), auth.toByteArray())), 4);
            int transHandle = out.u32();
            out.u32();
            out.bytes(CURRENT_TICKS);
            return new TransportSession(client, transHandle, secret, out.bytes(Sha1.LENGTH));
        } catch (RuntimeException e) {
            Arrays.fill(secret, (byte) 0);
            throw e;
        } finally {
            client.flushQuietly(keyHandle, Tpm12Client.RT_KEY);
        }
    }

    /**
     * Runs {@code command} (with its own authorisation sessions) inside TPM_ExecuteTransport:
     * its parameters go encrypted, its answer's parameters come back encrypted, and the answer is
     * then checked as if it had come directly.
     */
    Reader execute(CommandBuilder command, int outputHandleBytes, AuthSession... sessions) {
        if (!open) {
            throw new IllegalStateException("the transport session has ended");
        }
        byte[] wrapped = client.frame(command, sessions);
        int start = HEADER + command.handleBytes().length;
        int length = wrapped.length - start - sessions.length * AuthSession.TRAILER_LENGTH;
        byte[] nonceOdd = AuthSession.nonce();
        byte[] h1 = Sha1.hash(CommandBuilder.intBytes(command.ordinal().code()), Arrays.copyOfRange(wrapped, start, start + length));
        xor(wrapped, start, length, pad(nonceEven, nonceOdd, "in", length));
        byte[] inDigest = Sha1.hash(CommandBuilder.intBytes(Ordinal.EXECUTE_TRANSPORT.code()),
                CommandBuilder.intBytes(wrapped.length), h1);
        byte[] auth = Sha1.hmac(secret, inDigest, nonceEven, nonceOdd, new byte[] {1});

        ByteArrayOutputStream request = new ByteArrayOutputStream();
        int size = HEADER + 4 + wrapped.length + AuthSession.TRAILER_LENGTH;
        request.writeBytes(new byte[] {0, (byte) TAG_RQU_AUTH1});
        request.writeBytes(CommandBuilder.intBytes(size));
        request.writeBytes(CommandBuilder.intBytes(Ordinal.EXECUTE_TRANSPORT.code()));
        request.writeBytes(CommandBuilder.intBytes(wrapped.length));
        request.writeBytes(wrapped);
        request.writeBytes(CommandBuilder.intBytes(handle));
        request.writeBytes(nonceOdd);
        request.write(1);
        request.writeBytes(auth);
        return client.parse(unwrap(client.transmit(request.toByteArray()), command, outputHandleBytes, sessions.length,
                nonceOdd), command, outputHandleBytes, sessions);
    }

    /** Checks TPM_ExecuteTransport's answer and returns the wrapped answer, decrypted. */
    private byte[] unwrap(byte[] response, CommandBuilder command, int outputHandleBytes, int sessions, byte[] nonceOdd) {
        Reader in = new Reader(response, "TPM_ExecuteTransport response");
        int tag = in.u16();
        int size = in.u32();
        int code = in.u32();
        if (code != Tpm12ResponseCode.SUCCESS) {
            open = false;
            throw new Tpm12CommandException(command.ordinal().specName() + " (in a transport session)",
                    new Tpm12ResponseCode(code));
        }
        if (tag != TAG_RSP_AUTH1 || size != response.length) {
            throw new TpmException("TPM_ExecuteTransport: malformed answer (tag 0x" + Integer.toHexString(tag) + ")");
        }
        byte[] ticks = in.bytes(8);
        byte[] locality = in.bytes(4);
        byte[] wrapped = in.sized();
        byte[] newNonceEven = in.bytes(Sha1.LENGTH);
        int continueFlag = in.u8();
        byte[] resAuth = in.bytes(Sha1.LENGTH);

        Reader header = new Reader(wrapped, command.ordinal().specName() + " response");
        header.u16();
        header.u32();
        int wrappedCode = header.u32();
        int start = HEADER + outputHandleBytes;
        int length = wrappedCode == Tpm12ResponseCode.SUCCESS
                ? wrapped.length - start - sessions * AuthSession.responseTrailerLength() : 0;
        if (length < 0) {
            throw new TpmException(command.ordinal().specName() + ": the wrapped answer is too short");
        }
        xor(wrapped, start, length, pad(newNonceEven, nonceOdd, "out", length));
        byte[] h2 = Sha1.hash(CommandBuilder.intBytes(wrappedCode), CommandBuilder.intBytes(command.ordinal().code()),
                Arrays.copyOfRange(wrapped, start, start + length));
        byte[] outDigest = Sha1.hash(CommandBuilder.intBytes(code), CommandBuilder.intBytes(Ordinal.EXECUTE_TRANSPORT.code()),
                ticks, locality, CommandBuilder.intBytes(wrapped.length), h2);
        byte[] expected = Sha1.hmac(secret, outDigest, newNonceEven, nonceOdd, new byte[] {(byte) continueFlag});
        nonceEven = newNonceEven;
        open = continueFlag != 0;
        if (!MessageDigest.isEqual(expected, resAuth)) {
            throw new TpmException(command.ordinal().specName() + ": the TPM's transport answer fails its integrity check "
                    + "(HMAC); something between Custody and the TPM altered it");
        }
        return wrapped;
    }

    /** MGF1-SHA1 over nonceEven || nonceOdd || direction || session secret, {@code length} bytes. */
    private byte[] pad(byte[] even, byte[] odd, String direction, int length) {
        return mgf1(length, even, odd, direction.getBytes(StandardCharsets.US_ASCII), secret);
    }

    /** MGF1 with SHA-1 (PKCS #1 v2.1, B.2.1): SHA1(seed || counter) for counter 0, 1, ... */
    static byte[] mgf1(int length, byte[]... seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int counter = 0; out.size() < length; counter++) {
            byte[][] parts = Arrays.copyOf(seed, seed.length + 1);
            parts[seed.length] = CommandBuilder.intBytes(counter);
            out.writeBytes(Sha1.hash(parts));
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    private static void xor(byte[] data, int start, int length, byte[] pad) {
        for (int i = 0; i < length; i++) {
            data[start + i] ^= pad[i];
        }
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        Arrays.fill(secret, (byte) 0);
        if (open) {
            open = false;
            client.flushQuietly(handle, Tpm12Client.RT_TRANS);
        }
    }
}
