package io.tongban.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How the progress queries grow with the number of matters in the status database (10k, 100k, 1M by
 * default). Driving a million matters through the platform would take hours on this machine, so the rows
 * are SEEDED DIRECTLY WITH SQL: every seeded matter is a copy of one real completed matter (its progress row,
 * tasks, timeline and data disclosures) under a new id — the same row shapes and sizes the projection
 * writes. At each size it then asks the running status-service for the progress view of randomly chosen
 * seeded matters over HTTP (the real endpoint, with its ownership check), and reports the time per query,
 * the database bytes per matter, the status-service RSS, and the query plans (index or sequential scan).
 * Seeded rows are removed at the end unless {@code --keep-seed true}.
 */
final class ProgressGrowth {
    private static final String SEED = "benchmark-seed-";
    /** Tables holding one matter's progress, child tables after matter_progress (foreign key). */
    private static final List<String> TABLES = List.of("matter_progress", "task_progress", "timeline_entry",
            "data_disclosure");

    /** Query times, measured in microseconds, shown in milliseconds with one decimal. */
    record QueryTimes(int count, double p50Ms, double p99Ms, double maxMs) {
        static QueryTimes of(List<Long> micros) {
            Percentiles p = Percentiles.of(micros);
            return new QueryTimes(p.count(), p.p50() / 1000.0, p.p99() / 1000.0, p.max() / 1000.0);
        }

        @Override
        public String toString() {
            return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", p50Ms, p99Ms, maxMs, count);
        }
    }

    record Level(long matters, double seedSeconds, QueryTimes progress, QueryTimes applicantList,
                 long databaseBytesPerMatter, long statusRssMb, Map<String, String> plans) {
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(42);

    ProgressGrowth(Options options) {
        this.options = options;
    }

    List<Level> run() throws Exception {
        if (options.token == null) {
            throw new IllegalStateException("--growth needs --token (an applicant JWT): the progress endpoint checks ownership");
        }
        String subject = subjectOf(options.token);
        List<Level> levels = new ArrayList<>();
        System.out.printf("Progress queries against a growing status database (%s). Rows are seeded directly with SQL "
                + "(copies of one real completed matter), not driven through the platform.%n", options.statusDb);
        try (Connection db = DriverManager.getConnection(options.statusDb, options.dbUser, options.dbPassword)) {
            UUID template = template(db);
            long seeded = 0;
            try {
                for (long target : options.growthSizes) {
                    long start = System.nanoTime();
                    seeded = seed(db, template, seeded, target);
                    double seedSeconds = (System.nanoTime() - start) / 1e9;
                    try (Statement s = db.createStatement()) {
                        s.execute("analyze " + String.join(", ", TABLES));
                    }
                    Level level = measure(db, subject, target, seedSeconds);
                    levels.add(level);
                    System.out.printf("  %,9d matters (seeded in %5.0f s): progress view %s; my-matters list %s; "
                                    + "%,d database bytes per matter; status-service RSS %d MB%n", level.matters(),
                            level.seedSeconds(), level.progress(), level.applicantList(), level.databaseBytesPerMatter(),
                            level.statusRssMb());
                    level.plans().forEach((query, plan) -> System.out.printf("      %-18s %s%n", query, plan));
                }
            } finally {
                if (!options.keepSeed && seeded > 0) {
                    removeSeed(db, seeded);
                }
            }
        }
        return levels;
    }

    /** A real completed matter whose rows are copied; the platform must have completed one already. */
    private static UUID template(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select m.matter_id from matter_progress m
                where m.state = 'COMPLETED' and m.applicant_id not like 'benchmark-seed-%'
                  and exists (select 1 from task_progress t where t.matter_id = m.matter_id)
                order by m.finished_at desc limit 1""")) {
            if (!rs.next()) {
                throw new IllegalStateException("no completed matter in the status database to copy: run "
                        + "'deploy/local/tongban demo' or a benchmark step first");
            }
            return rs.getObject(1, UUID.class);
        }
    }

    /** Seeds matters [from, to) in batches; seed i has the id md5('benchmark-seed-' || i). */
    private long seed(Connection db, UUID template, long from, long to) throws SQLException {
        long batch = 50_000;
        System.out.printf("    seeding matters %,d to %,d...%n", from, to);
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            for (long lo = from; lo < to; lo += batch) {
                long hi = Math.min(to, lo + batch);
                for (String table : TABLES) {
                    try (PreparedStatement ps = db.prepareStatement(copySql(db, table))) {
                        ps.setLong(1, lo);
                        ps.setLong(2, hi - 1);
                        ps.setObject(3, template);
                        ps.executeUpdate();
                    }
                }
                db.commit();
            }
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return to;
    }

    /** insert into T (cols) select <cols, with the matter id, task id and applicant replaced> from T x, series. */
    private static String copySql(Connection db, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> times = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("""
                select column_name, data_type from information_schema.columns
                where table_schema = current_schema() and table_name = ? order by ordinal_position""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    if (rs.getString(2).startsWith("timestamp")) {
                        times.add(rs.getString(1));
                    }
                }
            }
        }
        String id = "md5('" + SEED + "' || i)::uuid";
        String values = columns.stream().map(c -> switch (c) {
            case "matter_id" -> id;
            case "applicant_id" -> "'" + SEED + "' || (i % 100000)";
            case "task_id" -> "case when x.task_id is null then null else " + id + "::text || ':' || x.task_key end";
            // spread over two years back (about 1,400 matters a day at 1M), as a real history would be
            default -> times.contains(c) ? "x." + c + " - (i % 730) * interval '1 day'" : "x." + c;
        }).collect(Collectors.joining(", "));
        // parameters: first seed, last seed, template matter id
        return "insert into " + table + " (" + String.join(", ", columns) + ") select " + values + " from " + table
                + " x, generate_series(?::bigint, ?::bigint) i where x.matter_id = ?";
    }

    private Level measure(Connection db, String subject, long matters, double seedSeconds) throws Exception {
        int probes = options.growthProbes;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            ids.add(seedId(db, (long) (random.nextDouble() * matters)));
        }
        // the probes belong to the benchmark's applicant, so the endpoint's ownership check passes
        try (PreparedStatement ps = db.prepareStatement("update matter_progress set applicant_id = ? where matter_id = ?")) {
            for (UUID id : ids) {
                ps.setString(1, subject);
                ps.setObject(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (int i = 0; i < Math.min(20, probes); i++) {
            get("/api/matters/" + ids.get(i) + "/progress"); // JIT and connection warm-up
        }
        List<Long> progress = new ArrayList<>();
        for (UUID id : ids) {
            long t0 = System.nanoTime();
            int status = get("/api/matters/" + id + "/progress");
            progress.add((System.nanoTime() - t0) / 1_000);
            if (status != 200) {
                throw new IllegalStateException("progress of seeded matter " + id + " answered HTTP " + status);
            }
        }
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < Math.min(50, probes); i++) {
            long t0 = System.nanoTime();
            get("/api/applicants/me/matters?page=0&size=20");
            list.add((System.nanoTime() - t0) / 1_000);
        }
        long bytes = 0;
        try (Statement s = db.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("select pg_total_relation_size('" + table + "')")) {
                    rs.next();
                    bytes += rs.getLong(1);
                }
            }
        }
        long realMatters = count(db);
        long rss = ProcessStats.sample(options.home.resolve("run")).entrySet().stream()
                .filter(e -> e.getKey().equals("status-service")).mapToLong(e -> e.getValue().rssMb()).findFirst().orElse(-1);
        return new Level(matters, seedSeconds, QueryTimes.of(progress), QueryTimes.of(list),
                bytes / Math.max(1, realMatters), rss, plans(db, ids.get(0), subject));
    }

    private static long count(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select count(*) from matter_progress")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static UUID seedId(Connection db, long i) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select md5(? || ?)::uuid")) {
            ps.setString(1, SEED);
            ps.setString(2, Long.toString(i));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    /** The progress endpoint's queries, as the status-service runs them: scan type and execution time. */
    private static Map<String, String> plans(Connection db, UUID id, String subject) throws SQLException {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("matter", "select * from matter_progress where matter_id = '" + id + "'");
        queries.put("tasks", "select * from task_progress where matter_id = '" + id + "'");
        queries.put("timeline", "select * from timeline_entry where matter_id = '" + id + "' order by sequence");
        queries.put("data access", "select * from data_disclosure where matter_id = '" + id + "' order by sequence");
        queries.put("my matters", "select * from matter_progress where applicant_id = '" + subject.replace("'", "''")
                + "' order by submitted_at desc, matter_id limit 20");
        // the ops figures (OpsFiguresResource): running tasks and a window of finished ones, not every matter
        String running = "('DISPATCHED', 'WAITING_FOR_SUPPLEMENT', 'AWAITING_MATERIAL', 'DELIVERY_FAILED')";
        queries.put("ops overdue", "select department, matter_id from task_progress where state in " + running
                + " and (due_at < now() or overdue_level is not null) order by department, due_at");
        queries.put("ops departments", "select department, state from task_progress where state in " + running
                + " or (state in ('COMPLETED', 'REJECTED') and dispatched_at is not null"
                + " and finished_at >= now() - interval '1 day' and finished_at < now())");
        queries.put("ops matter types", "select m.matter_type from matter_progress m where m.state = 'COMPLETED'"
                + " and m.submitted_at is not null and m.finished_at >= now() - interval '1 day' and m.finished_at < now()");
        Map<String, String> plans = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            List<String> lines = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("explain (analyze, costs off) " + q.getValue())) {
                while (rs.next()) {
                    lines.add(rs.getString(1).trim());
                }
            }
            String scans = lines.stream().filter(l -> l.contains("Scan") || l.startsWith("Limit"))
                    .map(l -> l.replaceAll("\\s*\\(actual.*", "").replaceFirst("^->\\s*", ""))
                    .collect(Collectors.joining(" / "));
            String time = lines.stream().filter(l -> l.startsWith("Execution Time")).findFirst().orElse("");
            plans.put(q.getKey(), scans + "; " + time);
        }
        return plans;
    }

    private void removeSeed(Connection db, long seeded) throws SQLException {
        System.out.printf("  removing the %,d seeded matters (--keep-seed true keeps them)...%n", seeded);
        db.setAutoCommit(true);
        List<String> children = new ArrayList<>(TABLES.subList(1, TABLES.size()));
        children.add(TABLES.get(0)); // the parent last
        try (Statement s = db.createStatement()) {
            s.execute("create temporary table seed_id as select md5('" + SEED + "' || i)::uuid as matter_id "
                    + "from generate_series(0, " + (seeded - 1) + ") i");
            for (String table : children) {
                s.execute("delete from " + table + " t using seed_id s where t.matter_id = s.matter_id");
            }
            s.execute("drop table seed_id");
        }
    }

    private int get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.statusUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + options.token).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The JWT's subject (the payload is base64url JSON; no verification needed to read our own token). */
    static String subjectOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("--token is not a JWT");
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        try {
            return io.tongban.contracts.EventJson.mapper().readTree(payload).get("sub").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException("--token has no readable subject", e);
        }
    }
}
