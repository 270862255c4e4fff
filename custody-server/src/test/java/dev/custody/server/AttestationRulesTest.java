package dev.custody.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.Replayer;
import dev.custody.server.store.Challenge;
import dev.custody.server.store.Database;
import dev.custody.server.store.FleetStore;
import dev.custody.tpm.testing.SoftwareAttestationKey;
import dev.custody.tpm.CredentialProtection;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Quote;
import dev.custody.tpm.QuoteVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier's rules, in their order, on the embedded H2: each refusal, and that an earlier
 * check stops a quote before a later one spends anything. Quotes are signed in the TPM's format by
 * a software key (the swtpm flow is FleetFlowCliTest's); the log is HIRS's 56-event TpmLog.bin.
 */
class AttestationRulesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Path LOG = Path.of("../testdata/corpus/eventlogs/hirs-TpmLog.bin");

    @TempDir
    Path directory;
    private Database database;
    private Fleet fleet;
    private byte[] log;
    private Map<Integer, byte[]> logPcrs;

    @BeforeEach
    void openFleet() throws Exception {
        database = Database.open("jdbc:h2:" + directory.resolve("fleet").toAbsolutePath());
        fleet = new Fleet(new FleetStore(database), Clock.systemUTC());
        log = Files.readAllBytes(LOG);
        EventLog parsed = EventLogs.parse(log);
        var bank = Replayer.replay(parsed).bank(HashAlgorithm.SHA256);
        logPcrs = new TreeMap<>();
        for (int pcr : QuoteJudge.ALWAYS_QUOTED) {
            Bytes value = bank.containsKey(pcr) ? bank.get(pcr) : Replayer.startValue(parsed, HashAlgorithm.SHA256, pcr);
            logPcrs.put(pcr, value.toArray());
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    private SoftwareAttestationKey enrol(String name) {
        SoftwareAttestationKey key = SoftwareAttestationKey.generate();
        byte[] ek = ("endorsement key of " + name).getBytes();
        new FleetStore(database).enrol(new Challenge("c-" + name, name, ek, Optional.empty(), key.publicArea(), 300,
                "00", System.currentTimeMillis()), endorsementKeySha256(name), HEX.formatHex(CredentialProtection.objectName(key.publicArea())),
                System.currentTimeMillis());
        return key;
    }

    /** The EK hash the store keeps, from the same stand-in EK the enrolment above uses. */
    private static String endorsementKeySha256(String name) {
        return HEX.formatHex(PcrBank.SHA256.hash(("endorsement key of " + name).getBytes()));
    }

    private Quote quoteOfTheLog(SoftwareAttestationKey key, String nonce) {
        return key.quote(HEX.parseHex(nonce), QuoteJudge.ALWAYS_QUOTED, QuoteVerifier.digest(PcrBank.SHA256, logPcrs));
    }

    private int refusal(Runnable attempt) {
        try {
            attempt.run();
        } catch (Fleet.Refusal refusal) {
            return refusal.status();
        }
        throw new AssertionError("the attestation was accepted");
    }

    @Test
    void aMachineWithoutReferenceIsUnknownThenTrustedOnceItsOwnBootIsApproved() {
        SoftwareAttestationKey key = enrol("lab1");
        String nonce = fleet.nonceFor(key.publicArea()).nonce();
        assertThat(fleet.attest(key.publicArea(), quoteOfTheLog(key, nonce), log).state()).isEqualTo(Verdict.UNKNOWN);

        fleet.approveCurrent("lab1");
        String next = fleet.nonceFor(key.publicArea()).nonce();
        Verdict verdict = fleet.attest(key.publicArea(), quoteOfTheLog(key, next), log);
        assertThat(verdict.state()).isEqualTo(Verdict.TRUSTED);
    }

    @Test
    void anUnenrolledKeyIsRefusedBeforeItGetsANonceOrItsQuoteIsRead() {
        enrol("lab1");
        SoftwareAttestationKey stranger = SoftwareAttestationKey.generate();
        assertThat(refusal(() -> fleet.nonceFor(stranger.publicArea()))).isEqualTo(403);
        Quote garbage = new Quote(new byte[] {1, 2, 3}, new byte[] {4});
        assertThat(refusal(() -> fleet.attest(stranger.publicArea(), garbage, log))).isEqualTo(403);
    }

    @Test
    void aBadSignatureIsRefusedWithoutSpendingTheNonce() {
        SoftwareAttestationKey key = enrol("lab1");
        SoftwareAttestationKey other = SoftwareAttestationKey.generate();
        String nonce = fleet.nonceFor(key.publicArea()).nonce();
        Quote forged = quoteOfTheLog(other, nonce);
        assertThatThrownBy(() -> fleet.attest(key.publicArea(), forged, log))
                .isInstanceOf(Fleet.Refusal.class).hasMessageContaining("signature does not verify");
        assertThat(fleet.attest(key.publicArea(), quoteOfTheLog(key, nonce), log).state()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void anAlteredQuoteIsRefused() {
        SoftwareAttestationKey key = enrol("lab1");
        String nonce = fleet.nonceFor(key.publicArea()).nonce();
        Quote quote = quoteOfTheLog(key, nonce);
        byte[] attest = quote.attest();
        attest[attest.length - 1] ^= 1;
        assertThatThrownBy(() -> fleet.attest(key.publicArea(), new Quote(attest, quote.signature()), log))
                .isInstanceOf(Fleet.Refusal.class).hasMessageContaining("signature does not verify");
    }

    @Test
    void aReplayedQuoteAndANonceNeverIssuedAreRefused() {
        SoftwareAttestationKey key = enrol("lab1");
        String nonce = fleet.nonceFor(key.publicArea()).nonce();
        Quote quote = quoteOfTheLog(key, nonce);
        fleet.attest(key.publicArea(), quote, log);
        assertThat(refusal(() -> fleet.attest(key.publicArea(), quote, log))).isEqualTo(409);
        assertThat(refusal(() -> fleet.attest(key.publicArea(), quoteOfTheLog(key, "00".repeat(32)), log))).isEqualTo(409);
    }

    @Test
    void aNonceIssuedToAnotherMachineIsRefused() {
        SoftwareAttestationKey lab1 = enrol("lab1");
        SoftwareAttestationKey lab2 = enrol("lab2");
        String nonceOfLab2 = fleet.nonceFor(lab2.publicArea()).nonce();
        assertThat(refusal(() -> fleet.attest(lab1.publicArea(), quoteOfTheLog(lab1, nonceOfLab2), log))).isEqualTo(409);
        assertThat(fleet.attest(lab2.publicArea(), quoteOfTheLog(lab2, nonceOfLab2), log).state()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aLogThatDoesNotReplayToTheQuotedDigestIsRefused() {
        SoftwareAttestationKey key = enrol("lab1");
        String nonce = fleet.nonceFor(key.publicArea()).nonce();
        Map<Integer, byte[]> extended = new TreeMap<>(logPcrs);
        extended.put(2, new byte[32]);
        Quote quote = key.quote(HEX.parseHex(nonce), QuoteJudge.ALWAYS_QUOTED, QuoteVerifier.digest(PcrBank.SHA256, extended));
        assertThatThrownBy(() -> fleet.attest(key.publicArea(), quote, log))
                .isInstanceOf(Fleet.Refusal.class).hasMessageContaining("does not replay to the quoted PCR values");
    }

    @Test
    void aQuoteThatLeavesOutARequiredPcrIsRefused() {
        SoftwareAttestationKey key = enrol("lab1");
        String nonce = fleet.nonceFor(key.publicArea()).nonce();
        Map<Integer, byte[]> firstSeven = new TreeMap<>(logPcrs);
        firstSeven.remove(7);
        Quote quote = key.quote(HEX.parseHex(nonce), List.of(0, 1, 2, 3, 4, 5, 6), QuoteVerifier.digest(PcrBank.SHA256, firstSeven));
        assertThatThrownBy(() -> fleet.attest(key.publicArea(), quote, log))
                .isInstanceOf(Fleet.Refusal.class).hasMessageContaining("does not cover PCRs [7]");
    }

    @Test
    void aBootThatDiffersFromTheReferenceIsChangedAndNamesThePcr() {
        SoftwareAttestationKey key = enrol("lab1");
        var expected = new TreeMap<Integer, String>();
        logPcrs.forEach((pcr, value) -> expected.put(pcr, HEX.formatHex(value)));
        expected.put(2, "ab".repeat(32));
        fleet.referenceFromHandoff("lab1", new Fleet.HandoffReference(endorsementKeySha256("lab1"), expected, "a hand-off bundle"));
        String nonce = fleet.nonceFor(key.publicArea()).nonce();
        Verdict verdict = fleet.attest(key.publicArea(), quoteOfTheLog(key, nonce), log);
        assertThat(verdict.state()).isEqualTo(Verdict.CHANGED);
        assertThat(verdict.reasons()).singleElement().asString().startsWith("PCR 2: differs from the reference");
    }
}
