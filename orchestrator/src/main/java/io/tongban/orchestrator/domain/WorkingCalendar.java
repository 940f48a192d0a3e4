package io.tongban.orchestrator.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Deadlines count working days (the Administrative Licensing Law's time limits do): weekends and the
 * configured public holidays do not count; configured make-up working days (调休) do.
 */
public final class WorkingCalendar {
    private final ZoneId zone;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> extraWorkingDays;

    public WorkingCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> extraWorkingDays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
        this.extraWorkingDays = Set.copyOf(extraWorkingDays);
    }

    public static WorkingCalendar weekendsOnly(ZoneId zone) {
        return new WorkingCalendar(zone, Set.of(), Set.of());
    }

    public boolean isWorkingDay(LocalDate day) {
        if (extraWorkingDays.contains(day)) {
            return true;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend && !holidays.contains(day);
    }

    /** The same local time, {@code workingDays} working days after {@code start}. */
    public Instant addWorkingDays(Instant start, int workingDays) {
        ZonedDateTime at = start.atZone(zone);
        int left = workingDays;
        while (left > 0) {
            at = at.plusDays(1);
            if (isWorkingDay(at.toLocalDate())) {
                left--;
            }
        }
        return at.toInstant();
    }
}
