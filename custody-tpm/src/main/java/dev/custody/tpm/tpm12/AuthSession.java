package dev.custody.tpm.tpm12;

import dev.custody.tpm.TpmException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An OIAP or OSAP authorisation session (TPM Main Part 1, section 13). Each command it
 * authorises carries HMAC-SHA1(key, paramDigest || nonceEven || nonceOdd || continue), where the
 * key is the entity's secret (OIAP) or the shared secret both sides derived from it (OSAP); the
 * secret itself never crosses the bus. Nonces roll: every answer brings the next nonceEven.
 *
 * <p>Closing the session frees it in the TPM unless the TPM has already ended it.
 */
final class AuthSession implements AutoCloseable {
    static final int TRAILER_LENGTH = 4 + Sha1.LENGTH + 1 + Sha1.LENGTH;
    private static final int RESPONSE_TRAILER_LENGTH = Sha1.LENGTH + 1 + Sha1.LENGTH;
    private static final int RT_AUTH = 0x00000002;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tpm12Client client;
    private final int handle;
    private final byte[] key;
    private final boolean osap;
    private byte[] nonceEven;
    private byte[] nonceOdd;
    private boolean keepOpen;
    private boolean open = true;

    private AuthSession(Tpm12Client client, int handle, byte[] key, byte[] nonceEven, boolean osap) {
        this.client = client;
        this.handle = handle;
        this.key = key;
        this.nonceEven = nonceEven;
        this.osap = osap;
    }

    /** An object-independent session: it can authorise any entity whose secret is {@code usageAuth}. */
    static AuthSession oiap(Tpm12Client client, byte[] usageAuth) {
        Reader out = client.execute(new CommandBuilder(Ordinal.OIAP));
        int handle = out.u32();
        return new AuthSession(client, handle, usageAuth.clone(), out.bytes(Sha1.LENGTH), false);
    }

    /**
     * An object-specific session for one entity; its shared secret is
     * HMAC(usageAuth, nonceEvenOSAP || nonceOddOSAP), and only it can encrypt new secrets (ADIP).
     */
    static AuthSession osap(Tpm12Client client, int entityType, int entityValue, byte[] usageAuth) {
        byte[] nonceOddOsap = nonce();
        Reader out = client.execute(new CommandBuilder(Ordinal.OSAP)
                .u16(entityType).u32(entityValue).bytes(nonceOddOsap));
        int handle = out.u32();
        byte[] nonceEven = out.bytes(Sha1.LENGTH);
        byte[] nonceEvenOsap = out.bytes(Sha1.LENGTH);
        byte[] sharedSecret = Sha1.hmac(usageAuth, nonceEvenOsap, nonceOddOsap);
        return new AuthSession(client, handle, sharedSecret, nonceEven, true);
    }

    /** Keeps the session for further commands instead of letting the TPM end it after the next one. */
    AuthSession keepOpen() {
        this.keepOpen = true;
        return this;
    }

    /** ADIP: a new secret for the authorised command, XORed with SHA1(sharedSecret || nonceEven). */
    byte[] encryptAuth(byte[] newAuth) {
        requireOsap();
        return Sha1.xor(newAuth, Sha1.hash(key, nonceEven));
    }

    /** ADIP for a command's second new secret, XORed with SHA1(sharedSecret || nonceOdd). */
    byte[] encryptSecondAuth(byte[] newAuth) {
        requireOsap();
        return Sha1.xor(newAuth, Sha1.hash(key, pendingNonceOdd()));
    }

    byte[] trailer(byte[] parameterDigest) {
        requireOpen();
        byte[] odd = pendingNonceOdd();
        byte continueFlag = (byte) (keepOpen ? 1 : 0);
        byte[] auth = Sha1.hmac(key, parameterDigest, nonceEven, odd, new byte[] {continueFlag});
        byte[] trailer = new byte[TRAILER_LENGTH];
        System.arraycopy(CommandBuilder.intBytes(handle), 0, trailer, 0, 4);
        System.arraycopy(odd, 0, trailer, 4, Sha1.LENGTH);
        trailer[4 + Sha1.LENGTH] = continueFlag;
        System.arraycopy(auth, 0, trailer, 5 + Sha1.LENGTH, Sha1.LENGTH);
        return trailer;
    }

    /** Checks the TPM's HMAC over its answer, so a forged or altered answer is refused. */
    void verify(byte[] outputDigest, byte[] responseTrailer, String command) {
        Reader in = new Reader(responseTrailer, command + " authorisation");
        byte[] newNonceEven = in.bytes(Sha1.LENGTH);
        int continueFlag = in.u8();
        byte[] resAuth = in.bytes(Sha1.LENGTH);
        byte[] expected = Sha1.hmac(key, outputDigest, newNonceEven, nonceOdd, new byte[] {(byte) continueFlag});
        nonceOdd = null;
        nonceEven = newNonceEven;
        open = continueFlag != 0;
        if (!MessageDigest.isEqual(expected, resAuth)) {
            throw new TpmException(command + ": the TPM's answer fails its integrity check (HMAC); "
                    + "something between Custody and the TPM altered it");
        }
    }

    /** The TPM ends every session a failed command used. */
    void ended() {
        open = false;
        nonceOdd = null;
    }

    static int responseTrailerLength() {
        return RESPONSE_TRAILER_LENGTH;
    }

    private byte[] pendingNonceOdd() {
        if (nonceOdd == null) {
            nonceOdd = nonce();
        }
        return nonceOdd;
    }

    private void requireOsap() {
        if (!osap) {
            throw new IllegalStateException("only an OSAP session can encrypt a new secret");
        }
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("authorisation session 0x" + Integer.toHexString(handle) + " has ended");
        }
    }

    static byte[] nonce() {
        byte[] nonce = new byte[Sha1.LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
        if (open) {
            open = false;
            client.flushQuietly(handle, RT_AUTH);
        }
    }
}
