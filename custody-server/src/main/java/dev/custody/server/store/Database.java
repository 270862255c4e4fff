package dev.custody.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The fleet's database, H2 or PostgreSQL, migrated by Flyway to the one schema on opening. No
 * state lives in the server process: several servers may share one PostgreSQL.
 *
 * <p>Connections are pooled: a new PostgreSQL connection (TCP, authentication, a forked backend)
 * costs 43-60 ms on the benchmark machine and an attestation runs about seven transactions, so
 * without a pool the server did 4 attestations/s (docs/benchmarks.md).
 */
public final class Database implements AutoCloseable {
    /**
     * Connections per server process. Transactions are short (milliseconds), so a few connections
     * serve hundreds of concurrent requests; several servers share one PostgreSQL, whose default
     * is 100 connections.
     */
    static final int POOL_SIZE = 10;

    private final HikariDataSource pool;
    private final Connection keepAlive;

    private Database(HikariDataSource pool, Connection keepAlive) {
        this.pool = pool;
        this.keepAlive = keepAlive;
    }

    public static Database open(String jdbcUrl) {
        DataSource source = dataSource(jdbcUrl);
        // An embedded H2 closes its files when its last connection goes, and the pool may retire
        // all of its connections at once; keep one outside the pool while the database is open.
        Connection keepAlive = null;
        HikariDataSource pool = null;
        try {
            if (jdbcUrl.startsWith("jdbc:h2:")) {
                keepAlive = source.getConnection();
            }
            pool = pool(source);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return new Database(pool, keepAlive);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(pool, keepAlive);
            String what = e instanceof FlywayException ? "prepare" : "open";
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalStateException("cannot " + what + " the database " + redact(jdbcUrl) + ": " + reason, e);
        }
    }

    private static HikariDataSource pool(DataSource source) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("custody");
        config.setMaximumPoolSize(POOL_SIZE);
        // Fail at start when the database cannot be reached, rather than on the first request.
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static DataSource dataSource(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            return h2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(jdbcUrl);
            return postgres;
        }
        throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: or jdbc:h2: (got "
                + redact(jdbcUrl) + ")");
    }

    /** Passwords in a URL stay out of messages and logs. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** A pooled connection; closing it returns it to the pool (rolled back if left in a transaction). */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        closeQuietly(pool, keepAlive);
    }

    private static void closeQuietly(HikariDataSource pool, Connection keepAlive) {
        if (pool != null) {
            pool.close();
        }
        if (keepAlive != null) {
            try {
                keepAlive.close();
            } catch (SQLException e) {
                // Closing at shutdown or after a failed start: nothing left to save.
            }
        }
    }
}
