package io.tongban.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test resource that keeps every core busy from before the application starts until the test class ends — the busy
 * 2-core machine on which a cold service's first requests held its event loop for seconds — and logs the application
 * to a file of its own, so the test can read what was logged ({@link #logFile()}). Use it restricted to the test
 * class: {@code @QuarkusTestResource(value = CpuPressure.class, restrictToAnnotatedClass = true)}.
 */
public class CpuPressure implements QuarkusTestResourceLifecycleManager {
    private static final Path LOG_FILE =
            Path.of("target", "cpu-pressure-" + UUID.randomUUID() + ".log").toAbsolutePath();
    private final List<Thread> spinners = new ArrayList<>();
    private volatile boolean spinning;

    /** Where the application under pressure logs. */
    public static Path logFile() {
        return LOG_FILE;
    }

    @Override
    public Map<String, String> start() {
        spinning = true;
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread spinner = new Thread(this::spin, "cpu-pressure-" + i);
            spinner.setDaemon(true);
            spinner.start();
            spinners.add(spinner);
        }
        return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG_FILE.toString());
    }

    private void spin() {
        long sink = 0;
        while (spinning) {
            // real work, not onSpinWait: the point is to compete for the cores
            for (int i = 0; i < 100_000; i++) {
                sink = sink * 31 + i;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    @Override
    public void stop() {
        spinning = false;
        for (Thread spinner : spinners) {
            try {
                spinner.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
