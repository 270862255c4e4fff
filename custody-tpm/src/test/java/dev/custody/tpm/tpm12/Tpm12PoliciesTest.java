package dev.custody.tpm.tpm12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every policy here is enforced by swtpm in TPM 1.2 mode; the expected PCR composites and SHA-1
 * chains are computed in the test from the specification's formulas, not with the client's code.
 */
class Tpm12PoliciesTest {
    private static final byte[] OWNER = sha1("owner passphrase");
    private static final byte[] WELL_KNOWN = new byte[20];
    private static final List<Integer> TOTP_PCRS = List.of(0, 1, 2, 3, 4, 7);
    private static Swtpm12 swtpm;
    private static Tpm12Client tpm;

    @BeforeAll
    static void takeOwnership() {
        swtpm = Swtpm12.start();
        tpm = swtpm.client();
        KeyBlob srk = tpm.takeOwnership(OWNER, WELL_KNOWN);
        assertThat(srk.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(tpm.hasOwner()).isTrue();
    }

    @AfterAll
    static void stop() {
        tpm.close();
        swtpm.close();
    }

    @AfterEach
    void forgiveWrongPassphrases() {
        tpm.resetLockValue(OWNER);
    }

    @Test
    void unsealRefusedOnceASealedPcrChanges() {
        Map<Integer, byte[]> values = read(TOTP_PCRS);
        byte[] pcrInfo = PcrSelection.of(TOTP_PCRS).pcrInfo(values);
        byte[] secret = "20-byte-totp-secret!".getBytes(StandardCharsets.US_ASCII);
        byte[] blob = tpm.seal(Tpm12Client.KH_SRK, WELL_KNOWN, pcrInfo, WELL_KNOWN, secret);

        assertThat(blob).hasSize(312);
        assertThat(StoredData.parse(blob).digestAtRelease()).isEqualTo(compositeHash(new byte[] {(byte) 0b1001_1111, 0}, values));
        assertThat(tpm.unseal(Tpm12Client.KH_SRK, WELL_KNOWN, blob, WELL_KNOWN)).isEqualTo(secret);

        byte[] before = tpm.pcrRead(7);
        byte[] measurement = sha1("keyring changed");
        assertThat(tpm.extend(7, measurement)).isEqualTo(sha1(before, measurement));
        assertThatThrownBy(() -> tpm.unseal(Tpm12Client.KH_SRK, WELL_KNOWN, blob, WELL_KNOWN))
                .isInstanceOfSatisfying(Tpm12CommandException.class,
                        e -> assertThat(e.code().is(Tpm12ResponseCode.WRONGPCRVAL)).isTrue());
    }

    @Test
    void unsealNeedsTheDataPassphrase() {
        List<Integer> pcrs = List.of(16);
        byte[] pcrInfo = PcrSelection.of(pcrs).pcrInfo(read(pcrs));
        byte[] key = "disk unlock key".getBytes(StandardCharsets.US_ASCII);
        byte[] blob = tpm.seal(Tpm12Client.KH_SRK, WELL_KNOWN, pcrInfo, sha1("disk passphrase"), key);

        assertThatThrownBy(() -> tpm.unseal(Tpm12Client.KH_SRK, WELL_KNOWN, blob, sha1("wrong passphrase")))
                .isInstanceOfSatisfying(Tpm12CommandException.class,
                        e -> assertThat(e.code().is(Tpm12ResponseCode.AUTH2FAIL)).isTrue());
        assertThat(tpm.unseal(Tpm12Client.KH_SRK, WELL_KNOWN, blob, sha1("disk passphrase"))).isEqualTo(key);
    }

    @Test
    void ownerOnlyNvAreaRefusesEveryoneElse() {
        int index = 0x4d48;
        tpm.nvDefine(NvPublic.unbound(index, NvAttributes.OWNERWRITE | NvAttributes.OWNERREAD, 8), OWNER, WELL_KNOWN);
        byte[] data = "8 bytes!".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> tpm.nvWrite(index, 0, data, null)).isInstanceOf(Tpm12CommandException.class);
        assertThatThrownBy(() -> tpm.nvWrite(index, 0, data, sha1("not the owner")))
                .isInstanceOfSatisfying(Tpm12CommandException.class,
                        e -> assertThat(e.code().is(Tpm12ResponseCode.AUTHFAIL)).isTrue());
        tpm.nvWrite(index, 0, data, OWNER);
        assertThatThrownBy(() -> tpm.nvRead(index, 0, 8, null)).isInstanceOf(Tpm12CommandException.class);
        assertThat(tpm.nvRead(index, 0, 8, OWNER)).isEqualTo(data);
        tpm.nvRelease(index, OWNER);
        assertThat(tpm.nvPublic(index)).isEmpty();
    }

    @Test
    void pcrBoundNvAreaRefusesOnceThePcrChanges() {
        int index = 0x4d49;
        List<Integer> pcrs = List.of(23);
        PcrSelection selection = new PcrSelection(pcrs, 3);
        Map<Integer, byte[]> values = read(pcrs);
        NvPublic area = NvPublic.boundToPcrs(index, NvAttributes.AUTHWRITE | NvAttributes.AUTHREAD, 4, selection, values);
        tpm.nvDefine(area, OWNER, sha1("area"));
        assertThat(tpm.nvPublic(index).orElseThrow().readPcrInfo())
                .endsWith(compositeHash(new byte[] {0, 0, (byte) 0b1000_0000}, values));

        tpm.nvWriteWithAreaAuth(index, 0, new byte[] {1, 2, 3, 4}, sha1("area"));
        assertThat(tpm.nvReadWithAreaAuth(index, 0, 4, sha1("area"))).containsExactly(1, 2, 3, 4);
        tpm.extend(23, sha1("anything"));
        assertThatThrownBy(() -> tpm.nvReadWithAreaAuth(index, 0, 4, sha1("area")))
                .isInstanceOfSatisfying(Tpm12CommandException.class,
                        e -> assertThat(e.code().is(Tpm12ResponseCode.WRONGPCRVAL)).isTrue());
    }

    @Test
    void headsSealedAreaIsReadableWithoutAuthorisation() {
        int index = 0x4d47;
        tpm.nvDefine(NvPublic.headsSealedArea(index, 312), OWNER, WELL_KNOWN);
        byte[] blob = new byte[312];
        blob[0] = 1;
        tpm.nvWrite(index, 0, blob, null);
        assertThat(tpm.nvRead(index, 0, 312, null)).isEqualTo(blob);
        assertThat(tpm.nvIndexes()).contains(index);
        tpm.nvRelease(index, OWNER);
    }

    @Test
    void countersOnlyGoUp() {
        byte[] counterAuth = sha1("");
        CounterValue created = tpm.createCounter(0x45221351, counterAuth, OWNER);
        assertThat(created.label()).isEqualTo(0x45221351);
        CounterValue next = tpm.incrementCounter(created.id(), counterAuth);
        assertThat(next.value()).isEqualTo(created.value() + 1);
        assertThat(tpm.readCounter(created.id()).value()).isEqualTo(next.value());
        assertThatThrownBy(() -> tpm.incrementCounter(created.id(), sha1("wrong")))
                .isInstanceOfSatisfying(Tpm12CommandException.class,
                        e -> assertThat(e.code().is(Tpm12ResponseCode.AUTHFAIL)).isTrue());
        assertThat(tpm.incrementCounter(created.id(), counterAuth).value()).isEqualTo(next.value() + 1);
        assertThat(tpm.readCounter(created.id()).headsLine()).startsWith(created.id() + ": 000e45221351");
    }

    @Test
    void quoteIsSignedOverTheNonceAndTheComposite() throws Exception {
        KeyBlob key = tpm.createSigningKey(Tpm12Client.KH_SRK, WELL_KNOWN, WELL_KNOWN);
        int handle = tpm.loadKey(Tpm12Client.KH_SRK, WELL_KNOWN, key);
        try {
            byte[] nonce = sha1("verifier's nonce");
            Map<Integer, byte[]> values = read(List.of(0, 7));
            Quote2 quote = tpm.quote2(handle, WELL_KNOWN, nonce, new PcrSelection(List.of(0, 7), 3));
            assertThat(quote.pcrInfoShort()).endsWith(compositeHash(new byte[] {(byte) 0b1000_0001, 0, 0}, values));
            Signature verifier = Signature.getInstance("SHA1withRSA");
            verifier.initVerify(key.publicKey());
            verifier.update(quote.signedInfo());
            assertThat(verifier.verify(quote.signature())).isTrue();
        } finally {
            tpm.flush(handle, Tpm12Client.RT_KEY);
        }
        assertThat(tpm.handles(Tpm12Client.RT_KEY)).doesNotContain(handle);
        assertThat(tpm.handles(Tpm12Client.RT_AUTH)).isEmpty();
    }

    private static Map<Integer, byte[]> read(List<Integer> pcrs) {
        Map<Integer, byte[]> values = new TreeMap<>();
        for (int pcr : pcrs) {
            values.put(pcr, tpm.pcrRead(pcr));
        }
        return values;
    }

    /** TPM Main Part 2, 5.4.1: SHA1(UINT16 sizeOfSelect || pcrSelect || UINT32 valueSize || values in PCR order). */
    private static byte[] compositeHash(byte[] select, Map<Integer, byte[]> values) {
        ByteArrayOutputStream composite = new ByteArrayOutputStream();
        composite.write(0);
        composite.write(select.length);
        composite.writeBytes(select);
        int size = values.size() * 20;
        composite.writeBytes(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
        new TreeMap<>(values).values().forEach(composite::writeBytes);
        return sha1(composite.toByteArray());
    }

    private static byte[] sha1(String text) {
        return sha1(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
