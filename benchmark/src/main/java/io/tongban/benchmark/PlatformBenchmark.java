package io.tongban.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Drives matters through the whole running platform (intake over HTTP → orchestrator → gateway →
 * simulator → status view) at open-loop arrival rates that step up until the platform no longer keeps
 * up, then measures latencies at half of the highest sustained rate, the raw Kafka producer rate on the
 * same broker, and the memory and CPU of every process. Prints a table and writes JSON and a PNG chart.
 */
public final class PlatformBenchmark {

    /** What happened to one submitted matter, in epoch milliseconds. */
    static final class Trace {
        /** 0 for a matter this run did not submit (or whose 202 has not been read yet). */
        volatile long submittedAt;
        volatile long acceptedAt;
        volatile long firstDispatchAt;
        volatile long completedAt;
        volatile long completedSeenAt;
        /** Workflow event sequence → its Kafka timestamp (latency step only). */
        final Map<Long, Long> eventAt = new ConcurrentHashMap<>();
        /** Workflow event sequence → when the progress view (SSE stream) first showed it. */
        final Map<Long, Long> visibleAt = new ConcurrentHashMap<>();
        /** When the stream's first view arrived: only events after it are measured. */
        volatile long streamFrom;

        Trace(long submittedAt) {
            this.submittedAt = submittedAt;
        }
    }

    record Step(int offeredRate, double acceptedPerSecond, double completedPerSecond, long backlog,
                Percentiles complete, boolean sustained, long completed) {
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Trace> traces = new ConcurrentHashMap<>();
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final List<long[]> timeline = new ArrayList<>(); // second, offered, completed, p99
    private final Map<String, ProcessStats.Sample> peak = new LinkedHashMap<>();
    private final String formBody;
    private final JsonNode form;

    private PlatformBenchmark(Options options) throws Exception {
        this.options = options;
        JsonNode form = EventJson.mapper().readTree(Files.readString(options.formFile));
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("matterType", options.matterType);
        this.form = form.has("form") ? form.get("form") : form;
        body.set("form", this.form);
        this.formBody = body.toString();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.growthSizes != null) {
            List<ProgressGrowth.Level> levels = new ProgressGrowth(options).run();
            Files.createDirectories(options.out);
            Path json = options.out.resolve("growth-" + Instant.now().toString().replace(':', '-') + ".json");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("seeding", "rows copied with SQL from one real completed matter, not driven through the platform");
            result.put("machine", machine());
            result.put("levels", levels);
            EventJson.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), result);
            System.out.println("Results: " + json);
            return;
        }
        new PlatformBenchmark(options).run();
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", everything on one machine";
    }

    private void run() throws Exception {
        Thread listener = new Thread(this::listenToWorkflow, "workflow-listener");
        listener.setDaemon(true);
        listener.start();
        awaitListenerReady();

        System.out.printf("Tongban benchmark — %s, open-loop steps of %d s from %d/s%n", options.matterType,
                options.stepSeconds, options.startRate);
        Step warmUp = runStep(Math.max(1, options.startRate / 2), options.warmupSeconds);
        System.out.printf("  warm-up at %d/s: %s%n", warmUp.offeredRate(), warmUp.complete());
        traces.clear();
        List<Step> steps = new ArrayList<>();
        int rate = options.startRate;
        int maxSustained = options.fixedRate * 2;
        while (options.fixedRate == 0 && rate <= options.maxRate) {
            Step step = runStep(rate, options.stepSeconds);
            steps.add(step);
            System.out.printf("  offered %5d/s  accepted %7.1f/s  completed %7.1f/s  backlog %6d  submit→complete %s  %s%n",
                    step.offeredRate(), step.acceptedPerSecond(), step.completedPerSecond(), step.backlog(),
                    step.complete(), step.sustained() ? "sustained" : "SATURATED");
            if (!step.sustained()) {
                break;
            }
            maxSustained = rate;
            rate = rate * 2;
        }
        int halfRate = Math.max(1, maxSustained / 2);
        if (options.fixedRate == 0) {
            System.out.printf("Highest sustained rate: %d matters/s. Latencies at 50%% (%d/s) for %d s:%n", maxSustained,
                    halfRate, options.steadySeconds);
        } else {
            System.out.printf("No rate steps (--rate %d). Latencies at %d/s for %d s:%n", options.fixedRate, halfRate,
                    options.steadySeconds);
        }
        traces.clear();
        sampleViews = true;
        Step steady = runStep(halfRate, options.steadySeconds);
        sampleViews = false;
        Map<String, Percentiles> latencies = latencies();
        System.out.printf("  completed %.1f/s of %d/s offered%n", steady.completedPerSecond(), halfRate);
        latencies.forEach((name, p) -> System.out.printf("  %-32s %s%n", name, p));
        Map<String, Object> soak = options.soakMinutes > 0 ? soak(halfRate) : null;

        PostgresCounters counters = new PostgresCounters(PostgresCounters.adminUrl(options.statusDb), options.dbUser,
                options.dbPassword);
        traces.clear();
        Cost tongbanCost = platformCost(halfRate, counters);
        listening.set(false);
        double rawRate = rawProducerRate();
        double eventsPerMatter = options.eventsPerMatter > 0 ? options.eventsPerMatter : recordsPerMatter;
        double ratio = maxSustained * eventsPerMatter / rawRate;
        System.out.printf("Raw Kafka producer (%d-byte records, acks=all): %.0f records/s; the platform at %d matters/s "
                + "moves ~%.0f events/s (%.1f records per matter, %s) = %.2f%% of it%n", options.recordBytes, rawRate,
                maxSustained, maxSustained * eventsPerMatter, eventsPerMatter,
                options.eventsPerMatter > 0 ? "--events-per-matter" : "measured from the topics' offsets", 100 * ratio);
        Map<String, Object> peerResult = null;
        if (options.peer.equals("operaton")) {
            peerResult = peer(halfRate, counters);
            Cost peerCost = (Cost) peerResult.get("cost");
            CostTable.print(tongbanCost, options.fixedRate == 0 ? maxSustained : -1, peerCost,
                    (Integer) peerResult.get("maxSustained"),
                    counters.statementsCounted() ? null : counters.whyStatementsNotCounted());
        }
        System.out.println("Processes at peak (RSS now / peak RSS / CPU seconds):");
        peak.values().forEach(s -> System.out.printf("  %-22s %5d MB / %5d MB / %8.1f s%n", s.component(), s.rssMb(),
                s.peakRssMb(), s.cpuSeconds()));
        write(steps, maxSustained, halfRate, latencies, rawRate, soak, tongbanCost, eventsPerMatter, peerResult);
    }

    /** Kafka records per matter, measured in the platform's cost step (all tongban topics but dead letters). */
    private double recordsPerMatter;

    /**
     * The platform's cost window: a step at the cost rate without views followed, bracketed by the CPU seconds of
     * every process the runtime started and the counters of every tongban database.
     */
    private Cost platformCost(int rate, PostgresCounters counters) throws Exception {
        System.out.printf("Cost: the platform at %d matters/s for %d s (CPU, transactions, statements per matter)%n",
                rate, options.costSeconds);
        Map<String, PostgresCounters.Count> dbBefore = platformDatabases(counters.read());
        Map<String, Double> cpuBefore = cpuSeconds(ProcessStats.sample(options.home.resolve("run")));
        long recordsBefore = topicRecords();
        Step step = runStep(rate, options.costSeconds);
        Map<String, Double> cpuAfter = cpuSeconds(ProcessStats.sample(options.home.resolve("run")));
        Thread.sleep(1000); // backends report their counts every 500 ms at most
        Map<String, PostgresCounters.Count> dbAfter = platformDatabases(counters.read());
        recordsPerMatter = (topicRecords() - recordsBefore) / (double) Math.max(1, step.completed());
        Cost cost = Cost.of("tongban", options.costSeconds, step, cpuBefore, cpuAfter, dbBefore, dbAfter);
        if (step.backlog() > 0.01 * step.completed()) {
            System.out.printf("  WARNING: %d matters of the window were not completed after %d s of drain (%d were): "
                    + "the figures per matter are approximate (the machine is overloaded, or the rate too high)%n",
                    step.backlog(), options.drainSeconds, step.completed());
        }
        System.out.printf("  completed %.1f/s, %.1f ms CPU, %.1f transactions, %s statements per matter; %.1f Kafka "
                + "records per matter%n", cost.completedPerSecond(), cost.cpuMsTotal(), cost.transactionsTotal(),
                cost.statementsTotal() < 0 ? "n/a" : String.format("%.0f", cost.statementsTotal()), recordsPerMatter);
        return cost;
    }

    private static Map<String, PostgresCounters.Count> platformDatabases(Map<String, PostgresCounters.Count> all) {
        Map<String, PostgresCounters.Count> platform = new LinkedHashMap<>(all);
        platform.remove(OperatonPeer.DATABASE);
        return platform;
    }

    private static Map<String, Double> cpuSeconds(Map<String, ProcessStats.Sample> samples) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        samples.forEach((name, s) -> cpu.put(name, s.cpuSeconds()));
        return cpu;
    }

    /** Records on every tongban topic but dead letters and the raw-producer topic: the end offsets' sum. */
    private long topicRecords() throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", options.kafka);
        try (Admin admin = Admin.create(props)) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith("tongban.") && !t.contains(".dlq") && !t.startsWith("tongban.benchmark"))
                    .toList();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions().forEach(p ->
                    latest.put(new org.apache.kafka.common.TopicPartition(name, p.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
    }

    /**
     * The peer in the same run, on the same PostgreSQL server (database tongban_peer, recreated): a warm-up, the
     * rate steps (unless --rate), then the cost window at the platform's cost rate. Its CPU is this JVM's (the
     * engine and its workers run here; the workflow listener has stopped) and the PostgreSQL server's.
     */
    private Map<String, Object> peer(int rate, PostgresCounters counters) throws Exception {
        MatterDefinition definition = io.tongban.catalogue.CatalogueLoader.loadBuiltInCatalogue()
                .latest(options.matterType).orElseThrow(() -> new IllegalArgumentException(
                        "no matter type " + options.matterType + " in the catalogue"));
        OperatonPeer.recreateDatabase(counters.adminUrl(), options.dbUser, options.dbPassword);
        PeerBenchmark peer = new PeerBenchmark(options, definition, form,
                PostgresCounters.databaseUrl(options.statusDb, OperatonPeer.DATABASE));
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            System.out.printf("Peer: %s v%d on embedded Operaton (%d tasks, %d form variables, 3 workers, %d ms work "
                    + "per task, async after each task, default history), database %s%n", definition.id(),
                    definition.version(), definition.tasks().size(), peer.formVariables(), options.peerWorkMillis,
                    OperatonPeer.DATABASE);
            Step warmUp = peer.runStep(Math.max(1, options.startRate / 2), options.warmupSeconds);
            System.out.printf("  warm-up at %d/s: %s%n", warmUp.offeredRate(), warmUp.complete());
            List<Step> steps = new ArrayList<>();
            int maxSustained = -1; // not stepped with --rate
            for (int r = options.startRate; options.fixedRate == 0 && r <= options.maxRate; r *= 2) {
                Step step = peer.runStep(r, options.stepSeconds);
                steps.add(step);
                System.out.printf("  offered %5d/s  started %7.1f/s  completed %7.1f/s  backlog %6d  start→complete %s  %s%n",
                        step.offeredRate(), step.acceptedPerSecond(), step.completedPerSecond(), step.backlog(),
                        step.complete(), step.sustained() ? "sustained" : "SATURATED");
                if (!step.sustained()) {
                    break;
                }
                maxSustained = r;
            }
            if (options.fixedRate == 0 && maxSustained < 0) {
                maxSustained = 0;
            }
            System.out.printf("  cost: the peer at %d instances/s for %d s%n", rate, options.costSeconds);
            Map<String, PostgresCounters.Count> dbBefore = peerDatabase(counters.read());
            Map<String, Double> cpuBefore = peerCpu();
            Step step = peer.runStep(rate, options.costSeconds);
            Map<String, Double> cpuAfter = peerCpu();
            if (step.backlog() > 0.01 * step.completed()) {
                System.out.printf("  WARNING: %d instances of the window were not completed after the drain (%d were)%n",
                        step.backlog(), step.completed());
            }
            Thread.sleep(1000); // backends report their counts every 500 ms at most
            Cost cost = Cost.of("operaton", options.costSeconds, step, cpuBefore, cpuAfter, dbBefore,
                    peerDatabase(counters.read()));
            result.put("engine", "Operaton 1.0.0 (embedded, org.operaton.bpm:operaton-engine)");
            result.put("formVariables", peer.formVariables());
            result.put("workMillisPerTask", options.peerWorkMillis);
            result.put("steps", steps);
            result.put("maxSustained", maxSustained);
            result.put("cost", cost);
        } finally {
            peer.close();
        }
        return result;
    }

    private static Map<String, PostgresCounters.Count> peerDatabase(Map<String, PostgresCounters.Count> all) {
        Map<String, PostgresCounters.Count> peer = new LinkedHashMap<>();
        if (all.containsKey(OperatonPeer.DATABASE)) {
            peer.put(OperatonPeer.DATABASE, all.get(OperatonPeer.DATABASE));
        }
        return peer;
    }

    private Map<String, Double> peerCpu() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("benchmark (peer engine)", ProcessStats.self().cpuSeconds());
        ProcessStats.Sample server = ProcessStats.sample(options.home.resolve("run")).get("postgresql-server");
        if (server != null) {
            cpu.put("postgresql-server", server.cpuSeconds());
        }
        return cpu;
    }

    /**
     * Runs at the latency rate for --soak-minutes, sampling every process's RSS each minute: memory that keeps
     * growing under a steady load is a leak (or an unbounded cache), memory that levels off is warm-up.
     */
    private Map<String, Object> soak(int rate) throws InterruptedException {
        System.out.printf("Soak: %d minutes at %d matters/s (RSS per process each minute)%n", options.soakMinutes, rate);
        Map<String, List<Long>> rss = new LinkedHashMap<>();
        ProcessStats.sample(options.home.resolve("run")).forEach((name, s) -> rss.computeIfAbsent(name,
                k -> new ArrayList<>()).add(s.rssMb()));
        long completed = 0;
        long offered = 0;
        List<Long> p99s = new ArrayList<>();
        traces.clear();
        for (int minute = 1; minute <= options.soakMinutes; minute++) {
            long from = System.currentTimeMillis();
            runStep(rate, 60, 0);
            long to = System.currentTimeMillis();
            // what completed within this minute, whenever it was submitted
            List<Long> latencies = new ArrayList<>();
            for (Trace t : traces.values()) {
                if (t.submittedAt > 0 && t.completedAt >= from && t.completedAt < to) {
                    latencies.add(t.completedAt - t.submittedAt);
                }
            }
            Percentiles p = Percentiles.of(latencies);
            completed += p.count();
            offered += rate * 60L;
            p99s.add(p.p99());
            ProcessStats.sample(options.home.resolve("run")).forEach((name, s) -> rss.computeIfAbsent(name,
                    k -> new ArrayList<>()).add(s.rssMb()));
            System.out.printf("  minute %2d: completed %.1f/s, submit→complete %s%n", minute, p.count() * 1000.0 / (to - from), p);
        }
        System.out.println("  RSS at start → end of the soak (MB):");
        rss.forEach((name, values) -> System.out.printf("    %-22s %5d → %5d (%+d)   per minute: %s%n", name,
                values.get(0), values.get(values.size() - 1), values.get(values.size() - 1) - values.get(0), values));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("minutes", options.soakMinutes);
        result.put("rate", rate);
        result.put("offered", offered);
        result.put("completedWithinEachMinute", completed);
        result.put("p99SubmitToCompleteByMinute", p99s);
        result.put("rssMbByMinute", rss);
        return result;
    }

    private Step runStep(int rate, int seconds) throws InterruptedException {
        return runStep(rate, seconds, options.drainSeconds);
    }

    private Step runStep(int rate, int seconds, int drainSeconds) throws InterruptedException {
        long stepStart = System.currentTimeMillis();
        Semaphore inFlight = new Semaphore(options.maxInFlight);
        AtomicLong offered = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long intervalMicros = Math.max(1, 1_000_000L / rate);
        clock.scheduleAtFixedRate(() -> {
            offered.incrementAndGet();
            if (!inFlight.tryAcquire()) {
                refused.incrementAndGet(); // the platform is not keeping up: open loop, we do not wait
                return;
            }
            submit(ids, accepted, inFlight);
        }, 0, intervalMicros, TimeUnit.MICROSECONDS);
        // by the clock: sampling the processes can take a while on a loaded machine
        long until = stepStart + seconds * 1000L;
        for (long now = System.currentTimeMillis(); now < until; now = System.currentTimeMillis()) {
            Thread.sleep(Math.min(1000, until - now)); // the benchmark's own pacing, not test synchronisation
            samplePeak();
        }
        clock.shutdownNow();
        long stepEnd = System.currentTimeMillis();
        long drainUntil = stepEnd + drainSeconds * 1000L;
        while (System.currentTimeMillis() < drainUntil && !allCompleted(ids)) {
            Thread.sleep(100);
        }
        double elapsed = (stepEnd - stepStart) / 1000.0;
        List<Long> completeLatencies = new ArrayList<>();
        long completed = 0;
        for (String id : ids) {
            Trace t = traces.get(id);
            if (t != null && t.completedAt > 0) {
                completed++;
                completeLatencies.add(t.completedAt - t.submittedAt);
            }
        }
        long backlog = ids.size() - completed + refused.get();
        Percentiles p = Percentiles.of(completeLatencies);
        boolean sustained = refused.get() == 0 && completed >= 0.99 * offered.get() && p.p99() < options.maxP99Millis;
        timeline.add(new long[] {stepStart, rate, (long) (completed / elapsed), p.p99()});
        return new Step(rate, accepted.get() / elapsed, completed / elapsed, backlog, p, sustained, completed);
    }

    private boolean allCompleted(List<String> ids) {
        synchronized (ids) {
            return ids.stream().allMatch(id -> traces.containsKey(id) && traces.get(id).completedAt > 0);
        }
    }

    private void submit(List<String> ids, AtomicLong accepted, Semaphore inFlight) {
        long now = System.currentTimeMillis();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.intakeUrl + "/api/matters"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        if (options.token != null) {
            request.header("Authorization", "Bearer " + options.token);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            inFlight.release();
            if (failure != null || response.statusCode() != 202) {
                return;
            }
            try {
                String id = EventJson.mapper().readTree(response.body()).get("matterId").asText();
                // under load the first workflow events can be read before the 202: the listener made the trace
                Trace trace = traces.computeIfAbsent(id, k -> new Trace(now));
                trace.submittedAt = now;
                trace.acceptedAt = System.currentTimeMillis();
                if (sampleViews && Math.floorMod(id.hashCode(), options.viewSampleEvery) == 0) {
                    followView(id, trace, 0);
                }
                ids.add(id);
                accepted.incrementAndGet();
            } catch (Exception e) {
                // an unreadable answer counts as not accepted
            }
        });
    }

    /** Reads tongban.workflow: first dispatch and completion times (Kafka record timestamps) of our matters. */
    private void listenToWorkflow() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.WORKFLOW));
            while (listening.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    listenerReady = true;
                    Trace trace = r.key() == null ? null : traces.computeIfAbsent(r.key(), k -> new Trace(0));
                    if (trace == null) {
                        continue;
                    }
                    String type = header(r, "ce_type");
                    if (sampleViews && trace.submittedAt > 0) {
                        trace.eventAt.put(sequenceOf(r.value()), r.timestamp());
                    }
                    if (EventTypes.TASK_DISPATCHED.equals(type) && trace.firstDispatchAt == 0) {
                        trace.firstDispatchAt = r.timestamp();
                    } else if (EventTypes.MATTER_COMPLETED.equals(type)) {
                        trace.completedAt = r.timestamp();
                        trace.completedSeenAt = System.currentTimeMillis();
                    }
                }
                if (!consumer.assignment().isEmpty()) {
                    listenerReady = true;
                }
            }
        }
    }

    private volatile boolean listenerReady;
    /** Only in the latency step: watching the view at the saturation steps would add load of its own. */
    private volatile boolean sampleViews;
    private final ScheduledExecutorService streamRetries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "view-stream-retry");
        t.setDaemon(true);
        return t;
    });

    private void awaitListenerReady() throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (!listenerReady && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
    }

    /**
     * Follows the matter's progress view over its live stream (SSE): the status-service pushes the view after
     * each projection commit, so the moment a view with a higher lastSequence arrives is the moment the event
     * became visible — no polling (which, with a JWT check per request, loaded the service it measured). The
     * first view may 404 while the submission is not projected yet: the stream is then retried every 50 ms
     * (each try costs the service a JWT signature check).
     */
    private void followView(String matterId, Trace trace, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.statusUrl + "/api/matters/" + matterId
                + "/progress/stream")).timeout(Duration.ofSeconds(60)).header("Accept", "text/event-stream").GET();
        if (options.token != null) {
            request.header("Authorization", "Bearer " + options.token);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(new ViewLines(trace)))
                .whenComplete((response, failure) -> {
                    if (trace.streamFrom == 0 && attempt < 100 && (failure != null || response.statusCode() != 200)) {
                        streamRetries.schedule(() -> followView(matterId, trace, attempt + 1), 50, TimeUnit.MILLISECONDS);
                    }
                });
    }

    /** Reads the stream's data lines: each is a progress view; stops at a final state. */
    private static final class ViewLines implements java.util.concurrent.Flow.Subscriber<String> {
        private final Trace trace;
        private java.util.concurrent.Flow.Subscription subscription;
        private long shown;

        ViewLines(Trace trace) {
            this.trace = trace;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("data:")) {
                return;
            }
            long now = System.currentTimeMillis();
            try {
                JsonNode view = EventJson.mapper().readTree(line.substring(5));
                long last = view.path("lastSequence").asLong();
                if (trace.streamFrom == 0) {
                    trace.streamFrom = now;
                    shown = last;
                }
                for (long seq = shown + 1; seq <= last; seq++) {
                    trace.visibleAt.putIfAbsent(seq, now);
                }
                shown = Math.max(shown, last);
                String state = view.path("state").asText();
                if ("COMPLETED".equals(state) || "REJECTED".equals(state) || "WITHDRAWN".equals(state)
                        || "CANCELLED".equals(state)) {
                    subscription.cancel();
                }
            } catch (Exception e) {
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // a 404 before the matter is projected, or the stream closed: followView retries the former
        }

        @Override
        public void onComplete() {
        }
    }

    private static long sequenceOf(String json) {
        try {
            return EventJson.mapper().readTree(json).path("sequence").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private Map<String, Percentiles> latencies() {
        List<Long> dispatch = new ArrayList<>();
        List<Long> complete = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        for (Trace t : traces.values()) {
            if (t.submittedAt == 0) {
                continue;
            }
            if (t.firstDispatchAt > 0 && t.acceptedAt > 0) {
                dispatch.add(Math.max(0, t.firstDispatchAt - t.acceptedAt));
            }
            if (t.completedAt > 0) {
                complete.add(t.completedAt - t.acceptedAt);
            }
            t.visibleAt.forEach((seq, seen) -> {
                Long at = t.eventAt.get(seq);
                if (at != null && t.streamFrom > 0 && at > t.streamFrom) {
                    visible.add(Math.max(0, seen - at));
                }
            });
        }
        Map<String, Percentiles> result = new LinkedHashMap<>();
        result.put("submit accepted → first dispatch", Percentiles.of(dispatch));
        result.put("submit accepted → completed", Percentiles.of(complete));
        result.put("workflow event → in the view", Percentiles.of(visible));
        return result;
    }

    private double rawProducerRate() throws Exception {
        String topic = "tongban.benchmark.raw";
        Properties props = new Properties();
        props.put("bootstrap.servers", options.kafka);
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
            }
        }
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        byte[] value = new byte[options.recordBytes];
        java.util.Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 20_000; i++) { // warm-up
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
            long start = System.nanoTime();
            for (int i = 0; i < options.rawRecords; i++) {
                producer.send(new ProducerRecord<>(topic, String.valueOf(i % 1000).getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
            return options.rawRecords / ((System.nanoTime() - start) / 1e9);
        }
    }

    private void samplePeak() {
        ProcessStats.sample(options.home.resolve("run")).forEach((name, sample) -> peak.merge(name, sample,
                (a, b) -> new ProcessStats.Sample(name, b.pid(), Math.max(a.rssMb(), b.rssMb()),
                        Math.max(a.peakRssMb(), b.peakRssMb()), b.cpuSeconds())));
    }

    private void write(List<Step> steps, int maxSustained, int halfRate, Map<String, Percentiles> latencies,
                       double rawRate, Map<String, Object> soak, Cost cost, double eventsPerMatter,
                       Map<String, Object> peer) throws Exception {
        Files.createDirectories(options.out);
        String stamp = Instant.now().toString().replace(':', '-');
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("matterType", options.matterType);
        result.put("machine", machine());
        result.put("steps", steps);
        result.put("maxSustainedMattersPerSecond", maxSustained);
        result.put("latencyRate", halfRate);
        result.put("latencies", latencies);
        result.put("rawKafkaRecordsPerSecond", Math.round(rawRate));
        result.put("kafkaRecordsPerMatter", eventsPerMatter);
        result.put("cost", cost);
        if (peer != null) {
            result.put("peer", peer);
        }
        result.put("processes", peak.values());
        if (soak != null) {
            result.put("soak", soak);
        }
        Path json = options.out.resolve("benchmark-" + options.matterType + "-" + stamp + ".json");
        EventJson.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), result);
        Path png = options.out.resolve("benchmark-" + options.matterType + "-" + stamp + ".png");
        Chart.draw(steps, png);
        System.out.println("Results: " + json + " and " + png);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
