package io.tongban.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant FRIDAY = Instant.parse("2027-03-05T02:00:00Z");

    @Test
    void weekendsDoNotCountAsRemainingWorkingDays() {
        WorkingCalendar calendar = WorkingCalendar.weekendsOnly(SHANGHAI);
        assertThat(calendar.workingDaysBetween(FRIDAY, FRIDAY.plusSeconds(3 * 86400))).isEqualTo(1); // Monday
        assertThat(calendar.workingDaysBetween(FRIDAY, FRIDAY.plusSeconds(3600))).isZero();
    }

    @Test
    void aDueDateInThePastIsANegativeCount() {
        WorkingCalendar calendar = WorkingCalendar.weekendsOnly(SHANGHAI);
        assertThat(calendar.workingDaysBetween(FRIDAY.plusSeconds(3 * 86400), FRIDAY)).isEqualTo(-1);
    }

    @Test
    void holidaysAndMakeUpWorkingDaysAreConfigured() {
        WorkingCalendar calendar = new WorkingCalendar(SHANGHAI, Set.of(LocalDate.of(2027, 3, 8)),
                Set.of(LocalDate.of(2027, 3, 6)));
        assertThat(calendar.workingDaysBetween(FRIDAY, FRIDAY.plusSeconds(4 * 86400))).isEqualTo(2); // Sat, Tue
        assertThat(calendar.addWorkingDays(FRIDAY, 2)).isEqualTo(FRIDAY.plusSeconds(4 * 86400));
    }
}
