package io.tongban.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real PostgreSQL refuses a service's database for a while, as during a restart: its open connections are
 * terminated ({@code 57P01}) and new ones refused ({@code 55000 … is not currently accepting connections}) until
 * {@link #close()}. The server and the data stay, so the tests after it see the same database.
 */
public final class DatabaseOutage implements AutoCloseable {
    private final String database;

    private DatabaseOutage(String database) {
        this.database = database;
    }

    public static DatabaseOutage of(String database) {
        execute(database, "alter database \"" + database + "\" allow_connections false");
        execute(database, "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
        return new DatabaseOutage(database);
    }

    @Override
    public void close() {
        execute(database, "alter database \"" + database + "\" allow_connections true");
    }

    private static void execute(String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + TestPostgres.hostPort() + "/postgres",
                TestPostgres.user(), TestPostgres.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the availability of database " + database, e);
        }
    }
}
