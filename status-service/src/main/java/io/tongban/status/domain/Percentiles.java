package io.tongban.status.domain;

import java.util.List;

/** Nearest-rank percentiles over a sample, as ops dashboards show them (p50 = median, p90). */
public final class Percentiles {
    private Percentiles() {
    }

    /** The {@code p}-th percentile (0 < p <= 100) of the values, or null for no values. */
    public static Double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
