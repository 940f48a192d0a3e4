package io.tongban.benchmark;

import java.util.Collection;

/** p50 / p99 / max of a set of latencies in milliseconds. */
record Percentiles(int count, long p50, long p99, long max) {

    static Percentiles of(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, -1, -1, -1);
        }
        return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long at(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return count == 0 ? "n/a" : String.format("p50 %d ms, p99 %d ms, max %d ms (n=%d)", p50, p99, max, count);
    }
}
