package io.tongban.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** RSS (current and peak) and CPU seconds of every component the local runtime started, from /proc. */
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
        try (Stream<Path> files = Files.list(runDir)) {
            files.filter(f -> f.toString().endsWith(".pid")).sorted().forEach(f -> {
                String component = f.getFileName().toString().replace(".pid", "");
                try {
                    long pid = Long.parseLong(Files.readAllLines(f).get(0).trim());
                    samples.put(component, read(component, pid));
                } catch (IOException | RuntimeException e) {
                    // the process is gone or the pid file is stale: nothing to measure
                }
            });
        } catch (IOException e) {
            return samples;
        }
        return samples;
    }

    /** The process and its descendants (PostgreSQL runs as children of its wrapper). */
    private static Sample read(String component, long pid) throws IOException {
        long rss = 0;
        long hwm = 0;
        double cpu = 0;
        for (long p : withDescendants(pid)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss += kb(line);
                    } else if (line.startsWith("VmHWM:")) {
                        hwm += kb(line);
                    }
                }
                String stat = Files.readString(Path.of("/proc", String.valueOf(p), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
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

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
