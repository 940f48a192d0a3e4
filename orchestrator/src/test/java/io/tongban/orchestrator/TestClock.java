package io.tongban.orchestrator;

import io.tongban.testsupport.MovableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** The tests' clock (deadline tests move it forward: no waiting for days). */
@Singleton
@Alternative
@Priority(1)
public class TestClock extends MovableClock {
}
