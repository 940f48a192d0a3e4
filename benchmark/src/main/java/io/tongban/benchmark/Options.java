package io.tongban.benchmark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Command-line options, each with a default that fits the local runtime. */
final class Options {
    String intakeUrl = "http://127.0.0.1:8081";
    String statusUrl = "http://127.0.0.1:8084";
    String kafka = "127.0.0.1:9092";
    Path home = Path.of(".tongban");
    String matterType = "newborn";
    /** Every field of newborn v2's form (14): what a real application carries, and the peer's 14 variables. */
    Path formFile = Path.of("benchmark/forms/newborn-v2.json");
    String token;
    int startRate = 10;
    int maxRate = 5000;
    int stepSeconds = 15;
    int steadySeconds = 30;
    int warmupSeconds = 15;
    int drainSeconds = 15;
    int maxInFlight = 2000;
    long maxP99Millis = 5000;
    int viewSampleEvery = 4;
    /** Kafka records per matter for the raw-producer ratio; 0: measured from the topics' offsets in the cost step. */
    int eventsPerMatter;
    /** The BPMN peer run in the same benchmark ("operaton"), or "none". */
    String peer = "operaton";
    /** The peer's simulated department work per task: the platform simulator's default delay (PT0.05S). */
    long peerWorkMillis = 50;
    /** Length of each cost window (the platform's, then the peer's, at the same rate); default: --steady-seconds. */
    int costSeconds;
    int recordBytes = 600;
    int rawRecords = 200_000;
    Path out = Path.of("benchmark/results");
    /** Soak: minutes at 50% of the highest sustained rate after the latency step (0: no soak). */
    int soakMinutes;
    /** Skips the rate steps and latency step and offers this rate (matters/s) directly; 0: find it by stepping. */
    int fixedRate;
    /** Growth mode: the status database sizes (matters) at which the progress queries are measured. */
    long[] growthSizes;
    int growthProbes = 200;
    boolean keepSeed;
    String statusDb = "jdbc:postgresql://127.0.0.1:15432/tongban_status";
    String dbUser = "postgres";
    String dbPassword = "postgres";

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            given.put(args[i].substring(2), args[i + 1]);
        }
        Options o = new Options();
        o.intakeUrl = given.getOrDefault("intake", o.intakeUrl);
        o.statusUrl = given.getOrDefault("status", o.statusUrl);
        o.kafka = given.getOrDefault("kafka", o.kafka);
        o.home = Path.of(given.getOrDefault("home", o.home.toString()));
        o.matterType = given.getOrDefault("matter", o.matterType);
        o.formFile = Path.of(given.getOrDefault("form", o.formFile.toString()));
        o.token = given.getOrDefault("token", System.getenv("TONGBAN_TOKEN"));
        o.startRate = Integer.parseInt(given.getOrDefault("start-rate", String.valueOf(o.startRate)));
        o.maxRate = Integer.parseInt(given.getOrDefault("max-rate", String.valueOf(o.maxRate)));
        o.stepSeconds = Integer.parseInt(given.getOrDefault("step-seconds", String.valueOf(o.stepSeconds)));
        o.steadySeconds = Integer.parseInt(given.getOrDefault("steady-seconds", String.valueOf(o.steadySeconds)));
        o.costSeconds = Integer.parseInt(given.getOrDefault("cost-seconds", String.valueOf(o.steadySeconds)));
        o.warmupSeconds = Integer.parseInt(given.getOrDefault("warmup-seconds", String.valueOf(o.warmupSeconds)));
        o.drainSeconds = Integer.parseInt(given.getOrDefault("drain-seconds", String.valueOf(o.drainSeconds)));
        o.maxInFlight = Integer.parseInt(given.getOrDefault("max-in-flight", String.valueOf(o.maxInFlight)));
        o.maxP99Millis = Long.parseLong(given.getOrDefault("max-p99-ms", String.valueOf(o.maxP99Millis)));
        o.viewSampleEvery = Integer.parseInt(given.getOrDefault("view-sample-every", String.valueOf(o.viewSampleEvery)));
        o.eventsPerMatter = Integer.parseInt(given.getOrDefault("events-per-matter", String.valueOf(o.eventsPerMatter)));
        o.peer = given.getOrDefault("peer", o.peer);
        if (!o.peer.equals("operaton") && !o.peer.equals("none")) {
            throw new IllegalArgumentException("--peer is operaton or none, got " + o.peer);
        }
        o.peerWorkMillis = Long.parseLong(given.getOrDefault("peer-work-ms", String.valueOf(o.peerWorkMillis)));
        o.recordBytes = Integer.parseInt(given.getOrDefault("record-bytes", String.valueOf(o.recordBytes)));
        o.rawRecords = Integer.parseInt(given.getOrDefault("raw-records", String.valueOf(o.rawRecords)));
        o.out = Path.of(given.getOrDefault("out", o.out.toString()));
        o.soakMinutes = Integer.parseInt(given.getOrDefault("soak-minutes", "0"));
        o.fixedRate = Integer.parseInt(given.getOrDefault("rate", "0"));
        if (given.containsKey("growth")) {
            o.growthSizes = java.util.Arrays.stream(given.get("growth").split(",")).map(String::trim)
                    .mapToLong(Long::parseLong).toArray();
        }
        o.growthProbes = Integer.parseInt(given.getOrDefault("growth-probes", String.valueOf(o.growthProbes)));
        o.keepSeed = Boolean.parseBoolean(given.getOrDefault("keep-seed", "false"));
        o.statusDb = given.getOrDefault("status-db", o.statusDb);
        o.dbUser = given.getOrDefault("db-user", System.getenv().getOrDefault("TONGBAN_DB_USER", o.dbUser));
        o.dbPassword = given.getOrDefault("db-password", System.getenv().getOrDefault("TONGBAN_DB_PASSWORD", o.dbPassword));
        return o;
    }
}
