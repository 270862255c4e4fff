package dev.custody.server.store;

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
 */
public final class Database implements AutoCloseable {
    private final DataSource source;
    private final Connection keepAlive;

    private Database(DataSource source, Connection keepAlive) {
        this.source = source;
        this.keepAlive = keepAlive;
    }

    public static Database open(String jdbcUrl) {
        DataSource source = dataSource(jdbcUrl);
        try {
            Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("cannot prepare the database " + redact(jdbcUrl) + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        // An embedded H2 closes its files when the last connection goes; keep one open meanwhile.
        Connection keepAlive = null;
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            try {
                keepAlive = source.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the database " + redact(jdbcUrl) + ": " + e.getMessage(), e);
            }
        }
        return new Database(source, keepAlive);
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

    public Connection connection() throws SQLException {
        return source.getConnection();
    }

    @Override
    public void close() {
        if (keepAlive != null) {
            try {
                keepAlive.close();
            } catch (SQLException e) {
                // Closing at shutdown: nothing left to save.
            }
        }
    }
}
