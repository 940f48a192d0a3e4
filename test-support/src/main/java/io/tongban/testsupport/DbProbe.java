package io.tongban.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC reads of a service's test database, to check what was (not) written. */
public final class DbProbe {
    private DbProbe() {
    }

    public static long count(String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + TestPostgres.hostPort() + "/" + database,
                TestPostgres.user(), TestPostgres.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    public static void execute(String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + TestPostgres.hostPort() + "/" + database,
                TestPostgres.user(), TestPostgres.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }
}
