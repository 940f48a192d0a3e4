package io.tongban.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local PostgreSQL: a real server (zonky's PostgreSQL 14 binaries) whose data directory outlives
 * restarts, plus one database per service. Two modes:
 * <pre>
 *   PostgresServer --data DIR --port N [--dist DIR] [--user U --password P]
 *   PostgresServer --create-databases-only --url jdbc:postgresql://host:port/postgres --user U --password P
 * </pre>
 * The first prints {@code READY postgresql://127.0.0.1:N} once the databases exist and then blocks until
 * SIGTERM; its shutdown hook stops PostgreSQL with {@code pg_ctl stop -m fast}.
 */
public final class PostgresServer {
    /** One database per service (ARCHITECTURE: no service reads another's tables). */
    static final List<String> DATABASES =
            List.of("tongban_intake", "tongban_orchestrator", "tongban_gateway", "tongban_status");

    private static final String SUPERUSER = "postgres";

    private PostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args, "--create-databases-only");
        try {
            if (opts.containsKey("--create-databases-only")) {
                String url = Args.required(opts, "--url");
                createDatabasesWithRetry(url, opts.getOrDefault("--user", SUPERUSER),
                        opts.getOrDefault("--password", ""), Duration.ofSeconds(30));
                System.out.println("databases ready on " + url);
            } else {
                runEmbedded(opts);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("PostgresServer: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void runEmbedded(Map<String, String> opts) throws Exception {
        Path data = Path.of(Args.required(opts, "--data")).toAbsolutePath();
        int port = Integer.parseInt(Args.required(opts, "--port"));
        // zonky extracts its binaries into its working dir, and it also deletes stale-looking folders
        // directly inside it: so the binaries get their own folder, never the parent of the data dir.
        Path dist = Path.of(opts.getOrDefault("--dist", data.resolveSibling("dist").toString())).toAbsolutePath();
        if (data.startsWith(dist)) {
            throw new IllegalArgumentException("--data must not lie inside --dist (zonky cleans that folder)");
        }
        Files.createDirectories(dist);
        // read by the Builder's field initialiser: must be set before builder() is called
        System.setProperty("ot.epg.working-dir", dist.toString());

        boolean firstStart = !Files.exists(data.resolve("postgresql.conf"));
        long started = System.nanoTime();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                // false = keep the data: zonky runs initdb only when postgresql.conf is missing
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dist.toFile())
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky's default is off: a killed server would then lose acknowledged commits,
                // which would make the platform's crash tests lie
                .setServerConfig("synchronous_commit", "on")
                // statements per matter for the benchmark (benchmark/run); counting costs a hash lookup per statement
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // TCP only: no socket file in /tmp, and no socket-path length limit on deep homes
                .setServerConfig("unix_socket_directories", "''")
                .setPGStartupWait(Duration.ofSeconds(60))
                // pg_ctl and the postmaster write straight into our log file, so the server keeps
                // logging even if this JVM is killed
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close(); // pg_ctl stop -m fast; zonky's own hook does the same, close() runs once
            } catch (IOException e) {
                e.printStackTrace();
            }
        }, "postgres-stop"));

        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        createDatabases(jdbcUrl, SUPERUSER, "", opts.get("--user"), opts.get("--password"));
        long pid = postmasterPid(data);
        System.out.printf("PostgreSQL %s in %d ms (postmaster pid %d, data %s)%n",
                firstStart ? "initialised and started" : "started on existing data",
                (System.nanoTime() - started) / 1_000_000, pid, data);
        System.out.println("READY postgresql://127.0.0.1:" + port);
        System.out.flush();

        watchPostmaster(pid);
    }

    /** Blocks; exits the JVM if the postmaster dies, so a crashed database shows as stopped. */
    private static void watchPostmaster(long pid) throws InterruptedException {
        CountDownLatch forever = new CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("postmaster " + pid + " exited unexpectedly");
            System.exit(1);
        }, "postmaster-watch");
        watcher.setDaemon(true);
        watcher.start();
        forever.await(); // SIGTERM ends the JVM through the shutdown hooks
    }

    private static long postmasterPid(Path data) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
        return Long.parseLong(lines.get(0).trim());
    }

    /** An external server may still be starting: keep trying for a while before giving up. */
    private static void createDatabasesWithRetry(String url, String user, String password, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                createDatabases(url, user, password, null, null);
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    System.err.printf("cannot create the databases on %s as %s within %d s: %s%n",
                            url, user, timeout.toSeconds(), e.getMessage());
                    System.exit(1);
                }
                Thread.sleep(1000);
            }
        }
    }

    /**
     * Creates every missing database; when {@code owner} is given (and is not the superuser), also
     * creates that login role and makes it the owner, so services can connect as it.
     */
    static void createDatabases(String url, String user, String password, String owner, String ownerPassword)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement()) {
            boolean separateOwner = owner != null && !owner.isBlank() && !owner.equals(user);
            if (separateOwner && !exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                s.execute("CREATE ROLE " + quoteIdent(owner) + " LOGIN PASSWORD "
                        + quoteLiteral(ownerPassword == null ? "" : ownerPassword));
                System.out.println("created role " + owner);
            }
            for (String db : DATABASES) {
                if (exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
                    System.out.println("database " + db + " exists");
                    continue;
                }
                try {
                    s.execute("CREATE DATABASE " + quoteIdent(db)
                            + (separateOwner ? " OWNER " + quoteIdent(owner) : ""));
                    System.out.println("created database " + db);
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created concurrently
                        throw e;
                    }
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
