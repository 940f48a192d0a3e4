package io.tongban.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        final long submittedAt;
        volatile long acceptedAt;
        volatile long firstDispatchAt;
        volatile long completedAt;
        volatile long completedSeenAt;
        volatile long visibleAt;

        Trace(long submittedAt) {
            this.submittedAt = submittedAt;
        }
    }

    record Step(int offeredRate, double acceptedPerSecond, double completedPerSecond, long backlog,
                Percentiles complete, boolean sustained) {
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Trace> traces = new ConcurrentHashMap<>();
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final List<long[]> timeline = new ArrayList<>(); // second, offered, completed, p99
    private final Map<String, ProcessStats.Sample> peak = new LinkedHashMap<>();
    private final String formBody;

    private PlatformBenchmark(Options options) throws Exception {
        this.options = options;
        JsonNode form = EventJson.mapper().readTree(Files.readString(options.formFile));
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("matterType", options.matterType);
        body.set("form", form.has("form") ? form.get("form") : form);
        this.formBody = body.toString();
    }

    public static void main(String[] args) throws Exception {
        new PlatformBenchmark(Options.parse(args)).run();
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
        int maxSustained = 0;
        while (rate <= options.maxRate) {
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
        System.out.printf("Highest sustained rate: %d matters/s. Latencies at 50%% (%d/s) for %d s:%n", maxSustained,
                halfRate, options.steadySeconds);
        traces.clear();
        runStep(halfRate, options.steadySeconds);
        Map<String, Percentiles> latencies = latencies();
        latencies.forEach((name, p) -> System.out.printf("  %-32s %s%n", name, p));

        listening.set(false);
        double rawRate = rawProducerRate();
        int eventsPerMatter = options.eventsPerMatter;
        double ratio = maxSustained * eventsPerMatter / rawRate;
        System.out.printf("Raw Kafka producer (%d-byte records, acks=all): %.0f records/s; the platform at %d matters/s "
                + "moves ~%d events/s (%d events per matter) = %.2f%% of it%n", options.recordBytes, rawRate,
                maxSustained, maxSustained * eventsPerMatter, eventsPerMatter, 100 * ratio);
        System.out.println("Processes at peak (RSS now / peak RSS / CPU seconds):");
        peak.values().forEach(s -> System.out.printf("  %-22s %5d MB / %5d MB / %8.1f s%n", s.component(), s.rssMb(),
                s.peakRssMb(), s.cpuSeconds()));
        write(steps, maxSustained, halfRate, latencies, rawRate);
    }

    private Step runStep(int rate, int seconds) throws InterruptedException {
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
        for (int s = 0; s < seconds; s++) {
            Thread.sleep(1000); // the benchmark's own pacing, not test synchronisation
            samplePeak();
        }
        clock.shutdownNow();
        long stepEnd = System.currentTimeMillis();
        long drainUntil = stepEnd + options.drainSeconds * 1000L;
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
        return new Step(rate, accepted.get() / elapsed, completed / elapsed, backlog, p, sustained);
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
                Trace trace = traces.computeIfAbsent(id, k -> new Trace(now));
                trace.acceptedAt = System.currentTimeMillis();
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
                    if (EventTypes.TASK_DISPATCHED.equals(type) && trace.firstDispatchAt == 0) {
                        trace.firstDispatchAt = r.timestamp();
                    } else if (EventTypes.MATTER_COMPLETED.equals(type)) {
                        trace.completedAt = r.timestamp();
                        trace.completedSeenAt = System.currentTimeMillis();
                        if (trace.submittedAt > 0 && Math.floorMod(r.key().hashCode(), options.viewSampleEvery) == 0) {
                            Thread poller = new Thread(() -> awaitVisible(r.key(), trace), "view-poller");
                            poller.setDaemon(true);
                            poller.start();
                        }
                    }
                }
                if (!consumer.assignment().isEmpty()) {
                    listenerReady = true;
                }
            }
        }
    }

    private volatile boolean listenerReady;

    private void awaitListenerReady() throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (!listenerReady && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
    }

    /** Polls the progress view until the completion is visible there. */
    private void awaitVisible(String matterId, Trace trace) {
        long until = System.currentTimeMillis() + 10_000;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.statusUrl + "/api/matters/" + matterId
                + "/progress")).timeout(Duration.ofSeconds(5)).GET();
        if (options.token != null) {
            request.header("Authorization", "Bearer " + options.token);
        }
        while (System.currentTimeMillis() < until) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"state\":\"COMPLETED\"")) {
                    trace.visibleAt = System.currentTimeMillis();
                    return;
                }
                Thread.sleep(5);
            } catch (Exception e) {
                return;
            }
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
            if (t.visibleAt > 0) {
                visible.add(t.visibleAt - t.completedAt);
            }
        }
        Map<String, Percentiles> result = new LinkedHashMap<>();
        result.put("submit accepted → first dispatch", Percentiles.of(dispatch));
        result.put("submit accepted → completed", Percentiles.of(complete));
        result.put("completion event → in the view", Percentiles.of(visible));
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
                       double rawRate) throws Exception {
        Files.createDirectories(options.out);
        String stamp = Instant.now().toString().replace(':', '-');
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("matterType", options.matterType);
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.version"));
        result.put("steps", steps);
        result.put("maxSustainedMattersPerSecond", maxSustained);
        result.put("latencyRate", halfRate);
        result.put("latencies", latencies);
        result.put("rawKafkaRecordsPerSecond", Math.round(rawRate));
        result.put("processes", peak.values());
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
