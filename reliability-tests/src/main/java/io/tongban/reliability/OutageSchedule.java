package io.tongban.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fault schedule an operator tried in issue 13, while the load runs: kill -9 PostgreSQL; a pause later
 * kill -9 the broker; a pause later kill -9 the orchestrator and the gateway at the same moment; each
 * restarted at once. Then "the gateway killed while departments answer": kill -9 the gateway alone while the
 * simulated departments are sending their answers to it. Every fault keeps the moment it struck, so the
 * suite can say how long the platform took to decide a matter again.
 */
public final class OutageSchedule implements FaultSchedule {
    private final Platform platform;
    private final long firstFaultMillis;
    private final long pauseMillis;
    private final long answeringPauseMillis;
    private final List<FaultPlan.Fault> done = new ArrayList<>();

    public OutageSchedule(Platform platform, long firstFaultMillis, long pauseMillis, long answeringPauseMillis) {
        this.platform = platform;
        this.firstFaultMillis = firstFaultMillis;
        this.pauseMillis = pauseMillis;
        this.answeringPauseMillis = answeringPauseMillis;
    }

    @Override
    public void run() throws InterruptedException {
        long next = System.currentTimeMillis() + firstFaultMillis;
        next = strike(next, pauseMillis, "kill -9 postgres + start", () -> {
            platform.run("kill", "postgres");
            platform.run("start", "postgres");
        });
        next = strike(next, pauseMillis, "kill -9 kafka + start", () -> {
            platform.run("kill", "kafka");
            platform.run("start", "kafka");
        });
        next = strike(next, answeringPauseMillis, "kill -9 orchestrator and department-gateway together + start", () -> {
            killTogether("orchestrator", "department-gateway");
            platform.run("start", "orchestrator");
            platform.run("start", "department-gateway");
        });
        strike(next, 0, "kill -9 department-gateway while departments answer + start", () -> {
            platform.run("kill", "department-gateway");
            platform.run("start", "department-gateway");
        });
    }

    @Override
    public List<FaultPlan.Fault> done() {
        return done;
    }

    /** Waits for {@code at}, applies the fault, and returns when the next one is due (pause after this one struck). */
    private long strike(long at, long pauseAfter, String what, Runnable fault) throws InterruptedException {
        long wait = at - System.currentTimeMillis();
        if (wait > 0) {
            TimeUnit.MILLISECONDS.sleep(wait);
        }
        long struck = System.currentTimeMillis();
        System.out.printf("  %tT fault: %s%n", struck, what);
        fault.run();
        long back = System.currentTimeMillis();
        done.add(new FaultPlan.Fault(what, back - struck, struck));
        System.out.printf("  %tT        back after %.1f s%n", back, (back - struck) / 1000.0);
        return struck + pauseAfter;
    }

    /**
     * SIGKILL to both process groups in one {@code kill} call: the runtime's own {@code kill} command takes a lock
     * per call, which would put a gap between the two crashes. Then {@code kill} tidies the pid files.
     */
    private void killTogether(String... components) {
        List<String> command = new ArrayList<>(List.of("kill", "-KILL", "--"));
        for (String component : components) {
            Path pidFile = platform.home.resolve("run").resolve(component + ".pid");
            try {
                command.add("-" + Files.readString(pidFile).trim());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(component + " is not running (no " + pidFile + ")", e);
            }
        }
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String component : components) {
            platform.run("kill", component);
        }
    }
}
