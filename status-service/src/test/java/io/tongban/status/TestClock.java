package io.tongban.status;

import io.tongban.testsupport.MovableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** The tests' clock (a suggestion due in six years, without waiting). */
@Singleton
@Alternative
@Priority(1)
public class TestClock extends MovableClock {
}
