package dev.custody.server;

import dev.custody.common.TerminalText;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.eventlog.Replayer;
import dev.custody.server.store.Challenge;
import dev.custody.server.store.EnrolledMachine;
import dev.custody.server.store.FleetStore;
import dev.custody.server.store.HistoryEntry;
import dev.custody.server.store.Reference;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.CredentialProtection;
import dev.custody.tpm.ProtectedCredential;
import dev.custody.tpm.Quote;
import dev.custody.tpm.QuoteVerifier;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The fleet attestation service: the registrar (enrolment with credential activation), the
 * references, and the verifier. Stateless: everything it remembers is in the {@link FleetStore}.
 */
public final class Fleet {
    public static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    /** Enrolments across the whole fleet per minute; a registrar is not a bulk endpoint. */
    public static final int ENROLMENTS_PER_MINUTE = 30;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** Machine names appear in URLs, file names and terminals. */
    private static final Pattern MACHINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    /**
     * Parsed attestation keys kept, each with its 16 kB signature comb (400 MB at most): enough
     * for a large fleet; beyond that the cache starts over and keys are parsed again (0.5 ms each).
     */
    private static final int CACHED_KEYS = 25_000;

    private final FleetStore store;
    private final Clock clock;
    /** Parsed keys only (their precomputed multiples make signature checks 6-7 times faster than the JDK's); never a verdict. */
    private final Map<String, QuoteVerifier.KeyedVerifier> verifiers = new ConcurrentHashMap<>();

    public Fleet(FleetStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A request the fleet's rules refuse; {@code status} is the HTTP status that says so. */
    public static final class Refusal extends RuntimeException {
        private final int status;

        public Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    // ---- Enrolment ------------------------------------------------------------------------------

    /**
     * An agent's enrolment, checked whole when it is made (name, interval, both keys, the EK
     * certificate), so the registrar refuses a bad one before it stores anything.
     */
    public record EnrolmentRequest(String name, int intervalSeconds, byte[] endorsementKey,
                                   Optional<byte[]> endorsementKeyCertificate, byte[] attestationKeyPublic) {
        public EnrolmentRequest {
            // The name is not quoted back: it is the sender's own, and may be anything.
            if (!MACHINE_NAME.matcher(name).matches()) {
                throw new Refusal(400, "the machine name must be 1-128 letters, digits, '.', '_' or '-', starting with a"
                        + " letter or digit");
            }
            if (intervalSeconds < 1 || intervalSeconds > 7 * 24 * 3600) {
                throw new Refusal(400, "the reporting interval must be between 1 second and 7 days");
            }
            var ek = KeyChecks.endorsementKey(endorsementKey);
            KeyChecks.attestationKey(attestationKeyPublic);
            endorsementKeyCertificate.ifPresent(certificate -> KeyChecks.certificateMatches(certificate, ek));
        }
    }

    /** The PCR values a hand-off manifest expects of the TPM it names, checked when it is made. */
    public record HandoffReference(String endorsementKeySha256, SortedMap<Integer, String> pcrs, String description) {
        public HandoffReference {
            if (!SHA256_HEX.matcher(endorsementKeySha256).matches()) {
                throw new Refusal(400, "the hand-off's endorsement key hash is not a SHA-256 value (64 hex digits)");
            }
            pcrs.forEach((pcr, value) -> {
                if (pcr < 0 || pcr > 23 || !SHA256_HEX.matcher(value).matches()) {
                    throw new Refusal(400, "the reference's PCR " + pcr + " is not a SHA-256 value of PCRs 0-23");
                }
            });
            pcrs = Collections.unmodifiableSortedMap(new TreeMap<>(pcrs));
        }
    }

    public record Issued(String challengeId, ProtectedCredential credential) {}

    public Issued beginEnrolment(EnrolmentRequest request) {
        long now = clock.millis();
        if (store.challengesSince(now - Duration.ofMinutes(1).toMillis()) >= ENROLMENTS_PER_MINUTE) {
            throw new Refusal(429, "too many enrolments in the last minute; try again in a minute");
        }
        if (store.machineNamed(request.name()).isPresent()) {
            throw new Refusal(409, "a machine named '" + request.name() + "' is already enrolled");
        }
        byte[] credential = random(32);
        ProtectedCredential protectedCredential = CredentialProtection.protect(request.endorsementKey(),
                CredentialProtection.objectName(request.attestationKeyPublic()), credential);
        String id = HEX.formatHex(random(16));
        store.addChallenge(new Challenge(id, request.name(), request.endorsementKey(), request.endorsementKeyCertificate(),
                request.attestationKeyPublic(), request.intervalSeconds(), HEX.formatHex(sha256(credential)), now),
                now - CHALLENGE_LIFETIME.toMillis());
        return new Issued(id, protectedCredential);
    }

    /** The TPM answered with the credential: only the TPM holding the EK could, for this AK. */
    public EnrolledMachine completeEnrolment(String challengeId, byte[] credential) {
        Challenge challenge = store.takeChallenge(challengeId)
                .orElseThrow(() -> new Refusal(404, "no such enrolment in progress (it expired or was answered already)"));
        if (clock.millis() - challenge.createdAt() > CHALLENGE_LIFETIME.toMillis()) {
            throw new Refusal(410, "the enrolment expired; enrol again");
        }
        if (!MessageDigest.isEqual(HEX.parseHex(challenge.credentialSha256()), sha256(credential))) {
            throw new Refusal(403, "the TPM did not recover the credential: the attestation key is not in the TPM "
                    + "that holds this endorsement key");
        }
        try {
            return store.enrol(challenge, HEX.formatHex(sha256(challenge.endorsementKey())),
                    HEX.formatHex(CredentialProtection.objectName(challenge.attestationKeyPublic())), clock.millis());
        } catch (FleetStore.StoreException e) {
            throw new Refusal(409, e.getMessage());
        }
    }

    // ---- References -----------------------------------------------------------------------------

    /** A reference from a hand-off manifest: its expected PCRs, for the TPM it names. */
    public Reference referenceFromHandoff(String name, HandoffReference handoff) {
        EnrolledMachine machine = machine(name);
        if (!machine.endorsementKeySha256().equalsIgnoreCase(handoff.endorsementKeySha256())) {
            throw new Refusal(409, "the hand-off bundle names another TPM (endorsement key "
                    + handoff.endorsementKeySha256().substring(0, 16) + "…) than the one enrolled as '" + name + "' ("
                    + machine.endorsementKeySha256().substring(0, 16) + "…)");
        }
        return set(machine, new Reference("handoff", handoff.description(), handoff.pcrs(), Optional.empty()));
    }

    /** A reference from a golden machine's log, sent by the admin. */
    public Reference referenceFromLog(String name, byte[] log, String description) {
        return set(machine(name), fromLog("machine", log, description));
    }

    /** A reference from the last attested boot of another enrolled machine (a golden machine of the same model). */
    public Reference referenceFromMachine(String name, String golden) {
        EnrolledMachine model = machine(golden);
        byte[] log = store.latestLog(model.id(), Optional.empty())
                .orElseThrow(() -> new Refusal(409, "'" + golden + "' has no attested boot to copy yet; push from it first"));
        return set(machine(name), fromLog("machine", log, "the attested boot of golden machine '" + golden + "'"));
    }

    /** Trust on first use, approved by the admin: the machine's own last attested boot. */
    public Reference approveCurrent(String name) {
        EnrolledMachine machine = machine(name);
        byte[] log = store.latestLog(machine.id(), Optional.empty())
                .orElseThrow(() -> new Refusal(409, "'" + TerminalText.escape(name)
                        + "' has no attested boot to approve yet; push from it first"));
        return set(machine, fromLog("approved", log, "its own attested boot, approved by the admin"));
    }

    private Reference set(EnrolledMachine machine, Reference reference) {
        store.setReference(machine.id(), reference, clock.millis());
        return reference;
    }

    /** PCRs 0-7 and every PCR the log extends, as the log replays. */
    private static Reference fromLog(String source, byte[] logBytes, String description) {
        EventLog log;
        try {
            log = EventLogs.parse(logBytes);
        } catch (MalformedLogException e) {
            throw new Refusal(400, "the reference log does not parse: " + e.getMessage());
        }
        var replay = Replayer.replay(log);
        if (!replay.pcrs().containsKey(HashAlgorithm.SHA256)) {
            throw new Refusal(400, "the reference log has no SHA-256 measurements");
        }
        SortedMap<Integer, String> pcrs = new TreeMap<>();
        QuoteJudge.ALWAYS_QUOTED.forEach(pcr -> pcrs.put(pcr, Replayer.startValue(log, HashAlgorithm.SHA256, pcr).hex()));
        replay.bank(HashAlgorithm.SHA256).forEach((pcr, value) -> pcrs.put(pcr, value.hex()));
        return new Reference(source, description, pcrs, Optional.of(logBytes));
    }

    // ---- Attestation ----------------------------------------------------------------------------

    public record Challenged(String nonce, List<Integer> pcrs) {}

    /** A fresh nonce, only for an enrolled attestation key, and the PCRs its quote must cover. */
    public Challenged nonceFor(byte[] attestationKeyPublic) {
        EnrolledMachine machine = enrolledWith(attestationKeyPublic);
        String nonce = HEX.formatHex(random(32));
        store.issueNonce(machine.id(), nonce, clock.millis());
        return new Challenged(nonce, QuoteJudge.requiredPcrs(store.reference(machine.id())));
    }

    /**
     * Checks, in order: the AK is enrolled (bound to its EK at enrolment); the quote's signature;
     * the nonce is one this server issued to this machine, fresh and unused (spent atomically);
     * the log replays to the quoted digest; the replay matches the reference.
     */
    public Verdict attest(byte[] attestationKeyPublic, Quote quote, byte[] log) {
        EnrolledMachine machine = enrolledWith(attestationKeyPublic);
        QuoteVerifier.Quoted quoted;
        try {
            quoted = verifierFor(attestationKeyPublic).open(quote);
        } catch (QuoteVerifier.QuoteException e) {
            throw new Refusal(422, e.getMessage());
        }
        Optional<Reference> reference = store.reference(machine.id());
        Optional<byte[]> diffBase = reference.flatMap(Reference::log).isPresent() ? Optional.empty()
                : store.latestLog(machine.id(), Optional.of(Verdict.TRUSTED));
        QuoteJudge.Outcome outcome = QuoteJudge.judge(quoted, log, reference, diffBase);
        long now = clock.millis();
        HistoryEntry entry = switch (outcome) {
            case QuoteJudge.Outcome.LogRefused refused -> new HistoryEntry(now, Verdict.REFUSED, List.of(refused.reason()));
            case QuoteJudge.Outcome.Judged judged -> new HistoryEntry(now, judged.verdict().state(), judged.verdict().reasons());
        };
        boolean judged = outcome instanceof QuoteJudge.Outcome.Judged;
        boolean spent = store.spendNonceAndRecord(machine.id(), HEX.formatHex(quoted.nonce()),
                now - NONCE_LIFETIME.toMillis(), now, entry, judged ? Optional.of(log) : Optional.empty(), judged);
        if (!spent) {
            throw new Refusal(409, "quote rejected: its nonce was not issued to this machine, has expired, or was used "
                    + "already (a replayed quote)");
        }
        return switch (outcome) {
            case QuoteJudge.Outcome.LogRefused refused -> throw new Refusal(422, "quote rejected: " + refused.reason());
            case QuoteJudge.Outcome.Judged j -> j.verdict();
        };
    }

    private QuoteVerifier.KeyedVerifier verifierFor(byte[] attestationKeyPublic) {
        if (verifiers.size() > CACHED_KEYS) {
            verifiers.clear();
        }
        return verifiers.computeIfAbsent(HEX.formatHex(attestationKeyPublic),
                key -> QuoteVerifier.forKey(new AttestationKey(attestationKeyPublic, new byte[0])));
    }

    private EnrolledMachine enrolledWith(byte[] attestationKeyPublic) {
        String name = HEX.formatHex(CredentialProtection.objectName(attestationKeyPublic));
        return store.machineWithKey(name).orElseThrow(() -> new Refusal(403,
                "this TPM is not enrolled: its attestation key is not bound to any enrolled endorsement key"));
    }

    // ---- Status ---------------------------------------------------------------------------------

    /** A machine as people see it: silent when it has not reported for longer than its interval. */
    public record Status(String name, String state, List<String> reasons, Optional<Long> lastSeen, int intervalSeconds) {}

    public List<Status> status() {
        List<Status> all = new ArrayList<>();
        for (EnrolledMachine machine : store.machines()) {
            all.add(status(machine));
        }
        return all;
    }

    public Status status(EnrolledMachine machine) {
        long since = machine.lastSeen().orElse(machine.enrolledAt());
        long quiet = clock.millis() - since;
        if (quiet > machine.intervalSeconds() * 1000L) {
            List<String> reasons = new ArrayList<>();
            reasons.add("no report for " + quiet / 1000 + " s (interval " + machine.intervalSeconds() + " s)");
            reasons.add("last verdict: " + machine.state());
            return new Status(machine.name(), Verdict.SILENT, reasons, machine.lastSeen(), machine.intervalSeconds());
        }
        return new Status(machine.name(), machine.state(), machine.reasons(), machine.lastSeen(), machine.intervalSeconds());
    }

    public record Detail(Status status, Optional<Reference> reference, List<HistoryEntry> history) {}

    public Detail detail(String name) {
        EnrolledMachine machine = machine(name);
        return new Detail(status(machine), store.reference(machine.id()), store.history(machine.id(), 50));
    }

    private EnrolledMachine machine(String name) {
        return store.machineNamed(name).orElseThrow(() -> new Refusal(404, "no machine named '" + TerminalText.escape(name)
                + "' is enrolled"));
    }

    // ---- Web sessions ---------------------------------------------------------------------------

    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    /** A new session id for the browser; the database keeps only its hash. */
    public String newSession() {
        String id = ServerDirectory.randomText(32);
        long now = clock.millis();
        store.addSession(ServerDirectory.sha256Hex(id), now + SESSION_LIFETIME.toMillis(), now);
        return id;
    }

    public boolean sessionValid(String id) {
        return store.sessionValid(ServerDirectory.sha256Hex(id), clock.millis());
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] data) {
        return dev.custody.tpm.PcrBank.SHA256.hash(data);
    }
}
