package dev.custody.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every read and write of the fleet's state. Each method is one transaction, so several servers
 * on one PostgreSQL see one consistent fleet; a nonce is spent by one conditional UPDATE, so two
 * servers can never both accept the same quote.
 */
public final class FleetStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE_COLUMNS = "id, name, ek_public, ek_sha256, ak_public, ak_name, interval_seconds, "
            + "enrolled_at, state, reasons, last_seen";

    private final Database database;

    public FleetStore(Database database) {
        this.database = database;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("the database refused the operation: " + e.getMessage(), e);
        }
    }

    // ---- Enrolment ------------------------------------------------------------------------------

    public int challengesSince(long since) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM enrolment_challenges WHERE created_at >= ?")) {
                s.setLong(1, since);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /** Stores a new challenge and forgets those older than {@code expiredBefore}. */
    public void addChallenge(Challenge challenge, long expiredBefore) {
        transaction(c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM enrolment_challenges WHERE created_at < ?")) {
                purge.setLong(1, expiredBefore);
                purge.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO enrolment_challenges (id, name, ek_public, "
                    + "ek_certificate, ak_public, interval_seconds, credential_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, challenge.id());
                s.setString(2, challenge.name());
                s.setBytes(3, challenge.endorsementKey());
                s.setBytes(4, challenge.endorsementKeyCertificate().orElse(null));
                s.setBytes(5, challenge.attestationKeyPublic());
                s.setInt(6, challenge.intervalSeconds());
                s.setString(7, challenge.credentialSha256());
                s.setLong(8, challenge.createdAt());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Removes and returns a challenge: each can be answered once. */
    public Optional<Challenge> takeChallenge(String id) {
        return transaction(c -> {
            Optional<Challenge> found;
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, ek_public, ek_certificate, ak_public, "
                    + "interval_seconds, credential_sha256, created_at FROM enrolment_challenges WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    found = r.next() ? Optional.of(new Challenge(r.getString(1), r.getString(2), r.getBytes(3),
                            Optional.ofNullable(r.getBytes(4)), r.getBytes(5), r.getInt(6), r.getString(7), r.getLong(8)))
                            : Optional.empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM enrolment_challenges WHERE id = ?")) {
                s.setString(1, id);
                if (s.executeUpdate() != 1) {
                    return Optional.<Challenge>empty();
                }
            }
            return found;
        });
    }

    /** Enrols the machine; a name or attestation key already enrolled is refused. */
    public EnrolledMachine enrol(Challenge challenge, String endorsementKeySha256, String attestationKeyName, long now) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM machines WHERE name = ? OR ak_name = ?")) {
                s.setString(1, challenge.name());
                s.setString(2, attestationKeyName);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        throw new StoreException("a machine named '" + r.getString(1) + "' is already enrolled");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO machines (name, ek_public, ek_sha256, ek_certificate, "
                    + "ak_public, ak_name, interval_seconds, enrolled_at, state, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, challenge.name());
                s.setBytes(2, challenge.endorsementKey());
                s.setString(3, endorsementKeySha256);
                s.setBytes(4, challenge.endorsementKeyCertificate().orElse(null));
                s.setBytes(5, challenge.attestationKeyPublic());
                s.setString(6, attestationKeyName);
                s.setInt(7, challenge.intervalSeconds());
                s.setLong(8, now);
                s.setString(9, "unknown");
                s.setString(10, json(List.of("has not reported yet")));
                s.executeUpdate();
            }
            return machine(c, "name = ?", challenge.name()).orElseThrow();
        });
    }

    // ---- Machines -------------------------------------------------------------------------------

    public Optional<EnrolledMachine> machineNamed(String name) {
        return transaction(c -> machine(c, "name = ?", name));
    }

    public Optional<EnrolledMachine> machineWithKey(String attestationKeyName) {
        return transaction(c -> machine(c, "ak_name = ?", attestationKeyName));
    }

    public List<EnrolledMachine> machines() {
        return transaction(c -> {
            List<EnrolledMachine> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + MACHINE_COLUMNS + " FROM machines ORDER BY name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.add(machine(r));
                }
            }
            return all;
        });
    }

    private static Optional<EnrolledMachine> machine(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + MACHINE_COLUMNS + " FROM machines WHERE " + where)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(machine(r)) : Optional.empty();
            }
        }
    }

    private static EnrolledMachine machine(ResultSet r) throws SQLException {
        long lastSeen = r.getLong(11);
        Optional<Long> seen = r.wasNull() ? Optional.empty() : Optional.of(lastSeen);
        return new EnrolledMachine(r.getLong(1), r.getString(2), r.getBytes(3), r.getString(4), r.getBytes(5),
                r.getString(6), r.getInt(7), r.getLong(8), r.getString(9), strings(r.getString(10)), seen);
    }

    // ---- References -----------------------------------------------------------------------------

    public void setReference(long machineId, Reference reference, long now) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM machine_references WHERE machine_id = ?")) {
                s.setLong(1, machineId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO machine_references (machine_id, source, description, "
                    + "pcrs, log, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, machineId);
                s.setString(2, reference.source());
                s.setString(3, reference.description());
                s.setString(4, json(reference.pcrs()));
                s.setBytes(5, reference.log().orElse(null));
                s.setLong(6, now);
                s.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Reference> reference(long machineId) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT source, description, pcrs, log FROM machine_references WHERE machine_id = ?")) {
                s.setLong(1, machineId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<Reference>empty();
                    }
                    Map<String, String> pcrs = JSON.readValue(r.getString(3), new TypeReference<Map<String, String>>() {});
                    SortedMap<Integer, String> values = new TreeMap<>();
                    pcrs.forEach((pcr, value) -> values.put(Integer.parseInt(pcr), value));
                    return Optional.of(new Reference(r.getString(1), r.getString(2), values, Optional.ofNullable(r.getBytes(4))));
                } catch (JsonProcessingException e) {
                    throw new StoreException("a stored reference does not parse", e);
                }
            }
        });
    }

    // ---- Nonces and attestations ----------------------------------------------------------------

    public void issueNonce(long machineId, String nonce, long now) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO nonces (nonce, machine_id, issued_at) VALUES (?, ?, ?)")) {
                s.setString(1, nonce);
                s.setLong(2, machineId);
                s.setLong(3, now);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Spends the nonce and records the judgement in one transaction. Returns false, recording
     * nothing, when the nonce was not issued to this machine, is older than {@code issuedAfter},
     * or was spent already: that quote is a replay.
     */
    public boolean spendNonceAndRecord(long machineId, String nonce, long issuedAfter, long now, HistoryEntry judged,
                                       Optional<byte[]> log, boolean updatesMachine) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE nonces SET used_at = ? WHERE nonce = ? AND machine_id = ? "
                    + "AND used_at IS NULL AND issued_at >= ?")) {
                s.setLong(1, now);
                s.setString(2, nonce);
                s.setLong(3, machineId);
                s.setLong(4, issuedAfter);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO attestations (machine_id, nonce, received_at, state, "
                    + "reasons, log) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, machineId);
                s.setString(2, nonce);
                s.setLong(3, now);
                s.setString(4, judged.state());
                s.setString(5, json(judged.reasons()));
                s.setBytes(6, log.orElse(null));
                s.executeUpdate();
            }
            if (updatesMachine) {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE machines SET state = ?, reasons = ?, last_seen = ? WHERE id = ?")) {
                    s.setString(1, judged.state());
                    s.setString(2, json(judged.reasons()));
                    s.setLong(3, now);
                    s.setLong(4, machineId);
                    s.executeUpdate();
                }
            }
            return true;
        });
    }

    /** The log of the machine's latest attestation in {@code state}, or of its latest judged one when state is empty. */
    public Optional<byte[]> latestLog(long machineId, Optional<String> state) {
        return transaction(c -> {
            String sql = "SELECT log FROM attestations WHERE machine_id = ? AND log IS NOT NULL"
                    + (state.isPresent() ? " AND state = ?" : " AND state <> 'refused'") + " ORDER BY id DESC LIMIT 1";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, machineId);
                if (state.isPresent()) {
                    s.setString(2, state.get());
                }
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    public List<HistoryEntry> history(long machineId, int limit) {
        return transaction(c -> {
            List<HistoryEntry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT received_at, state, reasons FROM attestations "
                    + "WHERE machine_id = ? ORDER BY id DESC LIMIT ?")) {
                s.setLong(1, machineId);
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(new HistoryEntry(r.getLong(1), r.getString(2), strings(r.getString(3))));
                    }
                }
            }
            return entries;
        });
    }

    public long attestationCount() {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM attestations");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    // ---- Web sessions ---------------------------------------------------------------------------

    public void addSession(String idSha256, long expiresAt, long now) {
        transaction(c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM web_sessions WHERE expires_at < ?")) {
                purge.setLong(1, now);
                purge.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO web_sessions (id_sha256, expires_at) VALUES (?, ?)")) {
                s.setString(1, idSha256);
                s.setLong(2, expiresAt);
                s.executeUpdate();
            }
            return null;
        });
    }

    public boolean sessionValid(String idSha256, long now) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM web_sessions WHERE id_sha256 = ? AND expires_at > ?")) {
                s.setString(1, idSha256);
                s.setLong(2, now);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    // ---- JSON columns ---------------------------------------------------------------------------

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new StoreException("stored reasons do not parse", e);
        }
    }

    /** A database failure, or a write the fleet's rules refuse; the message is for the user. */
    public static final class StoreException extends RuntimeException {
        public StoreException(String message) {
            super(message);
        }

        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
