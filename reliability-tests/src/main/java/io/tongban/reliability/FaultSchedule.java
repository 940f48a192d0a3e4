package io.tongban.reliability;

import java.util.List;

/** Faults applied while the load runs, each remembered with when it struck and how long until it was back. */
public interface FaultSchedule {
    void run() throws InterruptedException;

    List<FaultPlan.Fault> done();
}
