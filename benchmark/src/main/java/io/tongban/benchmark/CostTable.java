package io.tongban.benchmark;

import java.util.LinkedHashSet;
import java.util.Set;

/** The platform and the peer side by side: throughput, CPU by process, transactions and statements per instance. */
final class CostTable {
    private CostTable() {
    }

    static void print(Cost tongban, int tongbanMax, Cost peer, int peerMax, String statementsNotCounted) {
        System.out.printf("%nTongban (per matter) vs the Operaton 1.0.0 peer (per process instance), same run, same "
                + "PostgreSQL server, cost windows of %d s at %d/s%n", tongban.seconds(), tongban.offeredRate());
        System.out.printf("  %-34s %12s %12s %10s%n", "", "Tongban", "peer", "ratio");
        if (tongbanMax >= 0 || peerMax >= 0) {
            row("highest sustained rate (/s)", tongbanMax, peerMax, false);
        } else {
            System.out.printf("  %-34s %12s %12s%n", "highest sustained rate (/s)", "— (--rate)", "— (--rate)");
        }
        row("completed in cost window (/s)", tongban.completedPerSecond(), peer.completedPerSecond(), false);
        row("p99 submit→completed (ms)", tongban.submitToComplete().p99(), peer.submitToComplete().p99(), false);
        System.out.println("  CPU ms per instance");
        Set<String> processes = new LinkedHashSet<>(tongban.cpuMsPerInstance().keySet());
        processes.addAll(peer.cpuMsPerInstance().keySet());
        for (String process : processes) {
            Double t = tongban.cpuMsPerInstance().get(process);
            Double p = peer.cpuMsPerInstance().get(process);
            System.out.printf("    %-32s %12s %12s%n", process, t == null ? "—" : String.format("%.1f", t),
                    p == null ? "—" : String.format("%.1f", p));
        }
        row("  all processes", tongban.cpuMsTotal(), peer.cpuMsTotal(), true);
        System.out.println("  PostgreSQL transactions per instance");
        tongban.transactionsPerInstance().forEach((db, v) -> System.out.printf("    %-32s %12.1f%n", db, v));
        peer.transactionsPerInstance().forEach((db, v) -> System.out.printf("    %-32s %12s %12.1f%n", db, "", v));
        row("  all databases", tongban.transactionsTotal(), peer.transactionsTotal(), true);
        if (statementsNotCounted == null) {
            row("PostgreSQL statements per instance", tongban.statementsTotal(), peer.statementsTotal(), true);
        } else {
            System.out.println("  PostgreSQL statements: not counted (" + statementsNotCounted + ")");
        }
    }

    private static void row(String name, double tongban, double peer, boolean ratio) {
        System.out.printf("  %-34s %12.1f %12.1f %10s%n", name, tongban, peer,
                ratio && peer > 0 ? String.format("%.2f×", tongban / peer) : "");
    }
}
