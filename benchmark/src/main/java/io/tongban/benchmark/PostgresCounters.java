package io.tongban.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Transactions (pg_stat_database: commits + rollbacks) and statements (pg_stat_statements: calls) of each
 * database on the server, read as counters whose difference over a window is what that window cost.
 * Statements are counted only when the server preloads pg_stat_statements (the local runtime does).
 */
final class PostgresCounters {
    /** One database's counters; statements is -1 when pg_stat_statements is not available. */
    record Count(long transactions, long statements) {
        Count minus(Count earlier) {
            return new Count(transactions - earlier.transactions,
                    statements < 0 || earlier.statements < 0 ? -1 : statements - earlier.statements);
        }
    }

    private final String adminUrl;
    private final String user;
    private final String password;
    private final boolean statementsCounted;
    private final String whyNotCounted;

    PostgresCounters(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        String why = null;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SHOW shared_preload_libraries")) {
                r.next();
                if (!r.getString(1).contains("pg_stat_statements")) {
                    why = "pg_stat_statements is not in the server's shared_preload_libraries";
                }
            }
            if (why == null) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
        } catch (SQLException e) {
            why = "pg_stat_statements cannot be read: " + e.getMessage();
        }
        this.statementsCounted = why == null;
        this.whyNotCounted = why;
    }

    /** The admin database (postgres) beside a service database URL. */
    static String adminUrl(String databaseUrl) {
        return databaseUrl.substring(0, databaseUrl.lastIndexOf('/') + 1) + "postgres";
    }

    static String databaseUrl(String anyDatabaseUrl, String database) {
        return anyDatabaseUrl.substring(0, anyDatabaseUrl.lastIndexOf('/') + 1) + database;
    }

    String adminUrl() {
        return adminUrl;
    }

    boolean statementsCounted() {
        return statementsCounted;
    }

    String whyStatementsNotCounted() {
        return whyNotCounted;
    }

    /**
     * The counters of every tongban database now. A backend reports its counts to the statistics collector at
     * most every 500 ms, so a window is read only after the load has stopped for a moment.
     */
    Map<String, Count> read() {
        Map<String, Count> counts = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            Map<String, Long> statements = new TreeMap<>();
            if (statementsCounted) {
                try (ResultSet r = s.executeQuery("SELECT d.datname, sum(s.calls) FROM pg_stat_statements s "
                        + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname LIKE 'tongban%' GROUP BY d.datname")) {
                    while (r.next()) {
                        statements.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT datname, xact_commit + xact_rollback FROM pg_stat_database "
                    + "WHERE datname LIKE 'tongban%'")) {
                while (r.next()) {
                    String db = r.getString(1);
                    counts.put(db, new Count(r.getLong(2), statementsCounted ? statements.getOrDefault(db, 0L) : -1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's counters at " + adminUrl + ": " + e.getMessage(), e);
        }
        return counts;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(adminUrl, user, password);
    }
}
