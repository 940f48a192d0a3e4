package io.tongban.catalogue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Deadlines count working days (the Administrative Licensing Law's time limits do): weekends and the
 * configured public holidays do not count; configured make-up working days (调休) do. One calendar for the
 * orchestrator's deadlines and the status service's remaining days, so what the applicant sees matches.
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

    /** The time zone in which days are counted (a deadline's date is its local date there). */
    public ZoneId zone() {
        return zone;
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

    /**
     * Working days from {@code from}'s day to {@code to}'s day (local dates): 0 when due today, negative when
     * {@code to} is already past, counting the working days it is overdue.
     */
    public int workingDaysBetween(Instant from, Instant to) {
        LocalDate start = from.atZone(zone).toLocalDate();
        LocalDate end = to.atZone(zone).toLocalDate();
        if (end.isBefore(start)) {
            return -workingDaysBetween(to, from);
        }
        int days = 0;
        for (LocalDate d = start.plusDays(1); !d.isAfter(end); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                days++;
            }
        }
        return days;
    }
}
