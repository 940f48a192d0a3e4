package io.tongban.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * RSS (current and peak) and CPU seconds of every component the local runtime started, from /proc. The
 * PostgreSQL server itself ({@code postgresql-server}) is found through its postmaster.pid: pg_ctl detaches the
 * postmaster, so it is no descendant of the {@code postgres} wrapper process.
 */
final class ProcessStats {
    private static final double CLOCK_TICKS = 100.0; // USER_HZ on Linux

    record Sample(String component, long pid, long rssMb, long peakRssMb, double cpuSeconds) {
    }

    private ProcessStats() {
    }

    static Map<String, Sample> sample(Path runDir) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        if (!Files.isDirectory(runDir)) {
            return samples;
        }
        Path postmasterPid = runDir.resolveSibling("postgres").resolve("data").resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            samples.put("postgresql-server", read("postgresql-server", pid, true));
        } catch (IOException | RuntimeException e) {
            // an external PostgreSQL, or none running: not measured
        }
        try (Stream<Path> files = Files.list(runDir)) {
            files.filter(f -> f.toString().endsWith(".pid")).sorted().forEach(f -> {
                String component = f.getFileName().toString().replace(".pid", "");
                try {
                    long pid = Long.parseLong(Files.readAllLines(f).get(0).trim());
                    samples.put(component, read(component, pid, false));
                } catch (IOException | RuntimeException e) {
                    // the process is gone or the pid file is stale: nothing to measure
                }
            });
        } catch (IOException e) {
            return samples;
        }
        return samples;
    }

    /** This JVM: the peer engine runs inside the benchmark. */
    static Sample self() {
        try {
            return read("benchmark", ProcessHandle.current().pid(), false);
        } catch (IOException e) {
            return new Sample("benchmark", ProcessHandle.current().pid(), 0, 0, 0);
        }
    }

    /**
     * The process and its descendants. With {@code reapedChildren}, also the CPU of children that already exited
     * (a PostgreSQL backend or autovacuum worker that ended is counted in its postmaster's cutime/cstime).
     */
    private static Sample read(String component, long pid, boolean reapedChildren) throws IOException {
        long rss = 0;
        long hwm = 0;
        double cpu = 0;
        for (long p : withDescendants(pid)) {
            try {
                if (reapedChildren) {
                    // PostgreSQL's processes share their buffers: summing RSS would count them once per backend
                    long pss = pss(p);
                    rss += pss;
                    hwm += pss;
                } else {
                    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p), "status"))) {
                        if (line.startsWith("VmRSS:")) {
                            rss += kb(line);
                        } else if (line.startsWith("VmHWM:")) {
                            hwm += kb(line);
                        }
                    }
                }
                String stat = Files.readString(Path.of("/proc", String.valueOf(p), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
                if (reapedChildren && p == pid) {
                    cpu += (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / CLOCK_TICKS;
                }
            } catch (IOException e) {
                // a child that just exited
            }
        }
        return new Sample(component, pid, rss / 1024, hwm / 1024, cpu);
    }

    private static java.util.List<Long> withDescendants(long pid) {
        java.util.List<Long> all = new java.util.ArrayList<>();
        java.util.Deque<Long> todo = new java.util.ArrayDeque<>(java.util.List.of(pid));
        while (!todo.isEmpty()) {
            long p = todo.pop();
            all.add(p);
            try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(p), "task"))) {
                tasks.forEach(t -> {
                    try {
                        for (String child : Files.readString(t.resolve("children")).trim().split("\\s+")) {
                            if (!child.isBlank()) {
                                todo.push(Long.parseLong(child));
                            }
                        }
                    } catch (IOException e) {
                        // thread gone
                    }
                });
            } catch (IOException e) {
                // process gone
            }
        }
        return all;
    }

    /** Proportional set size in kB: shared pages divided among the processes that map them. */
    private static long pss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return kb(line);
            }
        }
        return 0;
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
