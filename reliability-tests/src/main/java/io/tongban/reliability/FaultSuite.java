package io.tongban.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault suite: a steady load of mixed matters while services crash, the broker and PostgreSQL restart and
 * the departments' endpoint goes away; then the outcome, read from the databases, the topics and the logs.
 *
 * <pre>
 * reliability-tests/run [--matters 20000] [--rate 20] [--rounds 3] [--withdraw-rate 0.02]
 *                       [--faults services,kafka,postgres,department] [--settle-seconds 600] [--seed 1]
 * reliability-tests/run --schedule outage --rate 3 --load-seconds 180 [--first-fault-seconds 20]
 *                       [--pause-seconds 60] [--answering-pause-seconds 30]
 * </pre>
 * {@code --schedule rounds} (the default) applies {@link FaultPlan}; {@code --schedule outage} the fault
 * schedule of issue 13 ({@link OutageSchedule}).
 */
public final class FaultSuite {

    /** Options; the defaults are the full run. */
    public static final class Options {
        public int matters = 20_000;
        public double rate = 20;
        public int rounds = 3;
        public double withdrawRate = 0.02;
        public Set<String> faults = new HashSet<>(List.of("services", "kafka", "postgres", "department"));
        public long settleSeconds = 600;
        public long gapSeconds = 5;
        public long departmentOutageSeconds = 10;
        public long seed = 1;
        public List<String> types = MatterForms.KNOWN_TYPES;
        /** {@code rounds}: {@link FaultPlan}; {@code outage}: {@link OutageSchedule}. */
        public String schedule = "rounds";
        /** When above 0, the load runs this long: matters = rate × load seconds. */
        public long loadSeconds = 0;
        public long firstFaultSeconds = 20;
        public long pauseSeconds = 60;
        public long answeringPauseSeconds = 30;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--matters" -> o.matters = Integer.parseInt(value);
                    case "--rate" -> o.rate = Double.parseDouble(value);
                    case "--rounds" -> o.rounds = Integer.parseInt(value);
                    case "--withdraw-rate" -> o.withdrawRate = Double.parseDouble(value);
                    case "--faults" -> o.faults = new HashSet<>(value.isBlank() ? List.of() : List.of(value.split(",")));
                    case "--settle-seconds" -> o.settleSeconds = Long.parseLong(value);
                    case "--gap-seconds" -> o.gapSeconds = Long.parseLong(value);
                    case "--department-outage-seconds" -> o.departmentOutageSeconds = Long.parseLong(value);
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--types" -> o.types = List.of(value.split(","));
                    case "--schedule" -> o.schedule = value;
                    case "--load-seconds" -> o.loadSeconds = Long.parseLong(value);
                    case "--first-fault-seconds" -> o.firstFaultSeconds = Long.parseLong(value);
                    case "--pause-seconds" -> o.pauseSeconds = Long.parseLong(value);
                    case "--answering-pause-seconds" -> o.answeringPauseSeconds = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return o;
        }
    }

    /** The counts the issue asks for, and what explains them. */
    public record Counts(int submitted, int accepted, int completed, int rejected, int withdrawn,
                         int waitingForSupplement, int waitingForMaterial, int lost, int stuck, int strandedByDepartmentCrash, int duplicatedDeliveries,
                         int redeliveredAfterDepartmentCrash, int viewMismatches, long deadLetters,
                         int answersRecordedTwice, int personalNumbersInLogs, long seconds, List<String> recoveries,
                         List<String> examples) {
        public String table() {
            Map<String, Object> rows = new LinkedHashMap<>();
            rows.put("submitted", submitted);
            rows.put("accepted", accepted);
            rows.put("completed", completed);
            rows.put("rejected", rejected);
            rows.put("withdrawn", withdrawn);
            rows.put("waiting for a supplement", waitingForSupplement);
            rows.put("waiting for a material", waitingForMaterial);
            rows.put("lost (must be 0)", lost);
            rows.put("  of them stuck at a department task", stuck);
            rows.put("stranded by a department crash", strandedByDepartmentCrash);
            rows.put("duplicated deliveries (must be 0)", duplicatedDeliveries);
            rows.put("re-sent after a department crash", redeliveredAfterDepartmentCrash);
            rows.put("view mismatches (must be 0)", viewMismatches);
            rows.put("dead letters (must be 0)", deadLetters);
            rows.put("answers recorded twice (must be 0)", answersRecordedTwice);
            rows.put("personal numbers in logs (must be 0)", personalNumbersInLogs);
            rows.put("seconds", seconds);
            StringBuilder b = new StringBuilder();
            rows.forEach((k, v) -> b.append(String.format("  %-38s %8s%n", k, v)));
            recoveries.forEach(r -> b.append("  ").append(r).append('\n'));
            examples.forEach(e -> b.append("  ! ").append(e).append('\n'));
            return b.toString();
        }
    }

    private final Platform platform;
    private final Options options;

    public FaultSuite(Platform platform, Options options) {
        this.platform = platform;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path repo = Path.of(System.getProperty("tongban.repo", ".")).toAbsolutePath().normalize();
        String home = System.getenv().getOrDefault("TONGBAN_HOME", repo.resolve(".tongban").toString());
        Platform platform = Platform.fromEnvironment(repo, Path.of(home), Map.of());
        Counts counts = new FaultSuite(platform, options).run();
        System.out.println(counts.table());
        boolean ok = counts.lost() == 0 && counts.duplicatedDeliveries() == 0 && counts.viewMismatches() == 0
                && counts.deadLetters() == 0 && counts.answersRecordedTwice() == 0 && counts.personalNumbersInLogs() == 0;
        System.exit(ok ? 0 : 1);
    }

    /** Runs load and faults on a platform that is up, then settles and counts. */
    public Counts run() throws Exception {
        long start = System.currentTimeMillis();
        Optional<String> token = platform.token("reliability-applicant", "applicant");
        System.out.println(token.isPresent() ? "  using a bearer token from tongban token" : "  no tongban token command: no token");
        Http http = new Http(token);
        MatterForms forms = new MatterForms(options.seed);
        LoadDriver load = new LoadDriver(platform, http, forms, options.seed, options.withdrawRate);
        DepartmentLedger ledger = new DepartmentLedger(platform, http);
        List<String> types = load.usableTypes(options.types);
        FaultSchedule faults = switch (options.schedule) {
            case "rounds" -> new FaultPlan(platform, ledger, options.rounds, options.faults.contains("services"),
                    options.faults.contains("kafka"), options.faults.contains("postgres"),
                    options.faults.contains("department"), options.gapSeconds * 1000, options.departmentOutageSeconds * 1000);
            case "outage" -> new OutageSchedule(platform, options.firstFaultSeconds * 1000, options.pauseSeconds * 1000,
                    options.answeringPauseSeconds * 1000);
            default -> throw new IllegalArgumentException("--schedule is rounds or outage, not " + options.schedule);
        };
        int matters = options.loadSeconds > 0 ? (int) Math.round(options.rate * options.loadSeconds) : options.matters;

        AtomicReference<Throwable> faultFailure = new AtomicReference<>();
        Thread faultThread = new Thread(() -> {
            try {
                faults.run();
            } catch (Throwable t) {
                faultFailure.set(t);
            }
        }, "faults");
        faultThread.start();
        // the outage schedule's faults must strike under load even when restarts take longer than planned
        load.run(types, matters, options.rate, () -> "outage".equals(options.schedule) && faultThread.isAlive());
        faultThread.join();
        if (faultFailure.get() != null) {
            throw new IllegalStateException("a fault could not be applied", faultFailure.get());
        }
        System.out.printf("  %tT load done: %d submitted, %d accepted, %d retries, %d refused, %d gave up%n",
                System.currentTimeMillis(), load.submitted.get(), load.accepted.size(), load.retries.get(),
                load.refused.size(), load.gaveUp.get());

        PlatformChecks checks = new PlatformChecks(platform);
        Map<String, PlatformChecks.MatterOutcome> outcomes = settle(checks, load, ledger);
        ledger.read(false);

        int completed = 0, rejected = 0, withdrawn = 0, waiting = 0, waitingForMaterial = 0, lost = 0, stuck = 0, stranded = 0, mismatches = 0;
        List<String> examples = new ArrayList<>();
        for (PlatformChecks.MatterOutcome o : outcomes.values()) {
            if ("COMPLETED".equals(o.state())) {
                completed++;
            } else if ("REJECTED".equals(o.state())) {
                rejected++;
            } else if ("CANCELLED".equals(o.state())) {
                withdrawn++;
            } else if (o.tasks().containsValue("AWAITING_SUPPLEMENT")) {
                waiting++;
            } else if (o.waitingForApplicant()) {
                waitingForMaterial++;
            } else if (strandedByCrash(o, ledger)) {
                stranded++;
            } else {
                lost++;
                boolean atADepartment = "IN_PROGRESS".equals(o.state()) && !o.openTaskIds().isEmpty();
                if (atADepartment) {
                    stuck++;
                }
                if (examples.size() < 10) {
                    examples.add((atADepartment ? "stuck " : "lost ") + o.id() + " (" + load.accepted.get(o.id()) + "): orchestrator " + o.state()
                            + " " + o.tasks() + ", view " + o.viewState() + " " + o.viewTasks());
                }
            }
            if (!o.viewMatches()) {
                mismatches++;
                if (examples.size() < 20) {
                    examples.add("view mismatch " + o.id() + ": orchestrator " + o.state() + " " + o.tasks() + ", view "
                            + o.viewState() + " " + o.viewTasks());
                }
            }
        }
        Map<String, Long> deadLetters = checks.deadLetters();
        deadLetters.forEach((topic, n) -> {
            if (n > 0) {
                examples.add("dead letters: " + topic + " holds " + n);
            }
        });
        Set<String> numbers = new HashSet<>(forms.idCardsSubmitted());
        numbers.addAll(forms.phonesSubmitted());
        List<String> leaks = checks.linesWithPersonalNumbers(numbers);
        leaks.stream().limit(5).forEach(l -> examples.add("personal number in a log: " + l));
        load.refused.stream().limit(5).forEach(r -> examples.add("refused: " + r));
        if (load.gaveUp.get() > 0) {
            examples.add(load.gaveUp.get() + " submissions never got an answer other than a failure in 180 s");
        }
        List<String> twice = checks.answersRecordedMoreThanOnce(load.accepted.keySet());
        twice.stream().limit(5).forEach(t -> examples.add("answer recorded twice: " + t));
        List<String> recoveries = recoveries(faults.done(), checks, load);
        return new Counts(load.submitted.get(), load.accepted.size(), completed, rejected, withdrawn, waiting, waitingForMaterial, lost,
                stuck, stranded, ledger.duplicatedWithinALife(), ledger.redeliveredAfterACrash(), mismatches,
                deadLetters.values().stream().mapToLong(Long::longValue).sum(), twice.size(), leaks.size(),
                (System.currentTimeMillis() - start) / 1000, recoveries, examples);
    }

    /**
     * Per fault: how long until the component was back (health), and until the first matter submitted after
     * the fault struck was decided — the platform as an applicant sees it working again.
     */
    private static List<String> recoveries(List<FaultPlan.Fault> faults, PlatformChecks checks, LoadDriver load) {
        List<String> lines = new ArrayList<>();
        for (FaultPlan.Fault f : faults) {
            java.util.OptionalLong resumed = checks.firstDecisionSince(f.struckAt(), load.accepted.keySet());
            java.util.OptionalLong decided = checks.firstDecisionOfAMatterSubmittedSince(f.struckAt(), load.accepted.keySet());
            lines.add(String.format("fault %-62s back after %6.1f s, decisions again after %s, a matter submitted"
                            + " after it decided after %s", f.what(), f.millis() / 1000.0, since(f, resumed), since(f, decided)));
        }
        return lines;
    }

    private static String since(FaultPlan.Fault f, java.util.OptionalLong at) {
        return at.isPresent() ? String.format("%.1f s", (at.getAsLong() - f.struckAt()) / 1000.0) : "- (none)";
    }

    /** Waits until every accepted matter is final or waiting for the applicant and the view agrees, or time is up. */
    private Map<String, PlatformChecks.MatterOutcome> settle(PlatformChecks checks, LoadDriver load,
                                                            DepartmentLedger ledger) throws InterruptedException {
        long until = System.currentTimeMillis() + options.settleSeconds * 1000;
        Map<String, PlatformChecks.MatterOutcome> outcomes;
        while (true) {
            ledger.readCurrentLife();
            outcomes = checks.outcomes(load.accepted.keySet());
            long open = outcomes.values().stream()
                    .filter(o -> !(o.isFinal() || o.waitingForApplicant()) || !o.viewMatches()).count();
            long unexplained = outcomes.values().stream()
                    .filter(o -> !(o.isFinal() || o.waitingForApplicant() || strandedByCrash(o, ledger)) || !o.viewMatches())
                    .count();
            if (open == 0 || System.currentTimeMillis() > until) {
                break;
            }
            System.out.printf("  %tT settling: %d matters not finished or not yet in the view%n",
                    System.currentTimeMillis(), open);
            if (unexplained == 0) {
                // only matters whose open task a killed department took with it: nothing more will happen to them
                break;
            }
            Thread.sleep(3000);
        }
        return outcomes;
    }

    /** In progress only because the simulated department died holding its open task (its ledger is in memory). */
    private static boolean strandedByCrash(PlatformChecks.MatterOutcome o, DepartmentLedger ledger) {
        return "IN_PROGRESS".equals(o.state()) && !o.openTaskIds().isEmpty()
                && o.openTaskIds().keySet().stream().allMatch(t ->
                        ledger.takenByACrash(t, o.acceptedByDepartmentAt().get(t)));
    }
}
