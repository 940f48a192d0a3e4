package io.tongban.status.domain;

import io.tongban.catalogue.WorkingCalendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.status.domain.CompletionEstimate.PlannedTask;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionEstimateTest {
    static final WorkingCalendar CALENDAR = WorkingCalendar.weekendsOnly(ZoneId.of("Asia/Shanghai"));
    static final Instant MONDAY = Instant.parse("2027-03-08T02:00:00Z");

    @Test
    void theLongestRemainingChainOfDeadlinesDecides() {
        Instant due = MONDAY.plusSeconds(2 * 86400); // Wednesday
        List<PlannedTask> plan = List.of(
                new PlannedTask("certificate", List.of(), "DISPATCHED", MONDAY, due, null, 2),
                new PlannedTask("registration", List.of("certificate"), "WAITING", null, null, null, 3),
                new PlannedTask("vaccination", List.of(), "DISPATCHED", MONDAY, MONDAY.plusSeconds(86400), null, 1));
        // Wednesday + 3 working days = Monday next week
        assertThat(CompletionEstimate.expectedCompletion(plan, MONDAY, MONDAY, CALENDAR))
                .contains(MONDAY.plusSeconds(7 * 86400));
    }

    @Test
    void anOverdueTaskIsExpectedNowAndItsDependentsFromNow() {
        Instant now = MONDAY.plusSeconds(7 * 86400);
        List<PlannedTask> plan = List.of(
                new PlannedTask("certificate", List.of(), "DISPATCHED", MONDAY, MONDAY.plusSeconds(86400), null, 1),
                new PlannedTask("registration", List.of("certificate"), "WAITING", null, null, null, 1));
        assertThat(CompletionEstimate.expectedCompletion(plan, MONDAY, now, CALENDAR)).contains(now.plusSeconds(86400));
    }

    @Test
    void finishedTasksEndWhenTheyFinished() {
        Instant done = MONDAY.plusSeconds(3600);
        List<PlannedTask> plan = List.of(new PlannedTask("certificate", List.of(), "COMPLETED", MONDAY, null, done, 5));
        assertThat(CompletionEstimate.expectedCompletion(plan, MONDAY, MONDAY.plusSeconds(86400), CALENDAR)).contains(done);
    }
}
