package org.casefunds.ledger.timeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.InvalidInputException;
import org.casefunds.ledger.base.StateConflictException;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.commands.AdoptCalendarYear;
import org.casefunds.ledger.commands.AdoptPolicy;
import org.casefunds.ledger.events.CalendarYearAdopted;
import org.casefunds.ledger.events.PolicyAdopted;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.processing.Context;

/**
 * Adopting the court's timeline: a year of the working-day calendar, and a policy from a date. The
 * one place the rules of adoption live.
 */
public final class TimelineDecisions {
    /** Who approves a calendar year: the bureau director. */
    public static final List<Role> CALENDAR_APPROVERS = List.of(Role.BUREAU_DIRECTOR);
    /** Who approves a policy: the court leader in charge. */
    public static final List<Role> POLICY_APPROVERS = List.of(Role.COURT_LEADER);

    private TimelineDecisions() {
    }

    public static void adoptCalendarYear(Context context, AdoptCalendarYear request) {
        CalendarYear year = request.year();
        if (year.isProvisional()) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "year.source.kind", CalendarSource.Kind.PROVISIONAL,
                    "a provisional year is what the ledger computes by itself; adopt an OFFICIAL schedule or a "
                            + "court's LOCAL adjustment");
        }
        CourtRules rules = context.view().courtRules();
        WorkingDayCalendar held = rules.calendar(WorkingDayCalendar.china());
        Optional<CalendarYear> current = held.year(year.year());
        if (current.isPresent() && !current.get().isProvisional()) {
            CalendarYear existing = current.get();
            String where = rules.adopted(year.year()).map(a -> "adopted on " + a.adoptedOn() + " (event "
                    + a.sequence() + ")").orElse("shipped with the library");
            if (existing.sameDaysAs(year) && existing.source().equals(year.source())) {
                throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "year.year", year.year(),
                        "is already held with exactly these days and this source (" + where + "); nothing to adopt");
            }
            if (!existing.sameDaysAs(year) && request.reason().isEmpty()) {
                throw new InvalidInputException(ErrorCode.MISSING_VALUE, "reason", null,
                        year.year() + " is already held with other days (" + existing.source().describe() + ", "
                                + where + "); replacing it changes deadlines, so give a reason");
            }
        }
        current.flatMap(existing -> existing.firstDifferentDay(year)).ifPresent(changed ->
                context.view().closedThrough().ifPresent(closed -> {
                    if (!changed.isAfter(closed)) {
                        throw new StateConflictException(ErrorCode.PERIOD_CLOSED, "year.year", year.year(),
                                "would change whether " + changed + " is a working day, and the books are closed "
                                        + "through " + closed + "; deadlines in a closed period stay as they were");
                    }
                }));
        try {
            held.withYears(List.of(year));
        } catch (InvalidInputException gap) {
            throw new InvalidInputException(ErrorCode.INVALID_VALUE, "year.year", year.year(), gap.getMessage());
        }
        context.draft().needApprovals(CALENDAR_APPROVERS, "calendar year adoption");
        context.draft().payload(new CalendarYearAdopted(year, request.reason()));
    }

    public static void adoptPolicy(Context context, AdoptPolicy request) {
        LocalDate from = context.date();
        Optional<CourtRules.AdoptedPolicy> inForce = context.view().courtRules().policyOn(from);
        if (inForce.isPresent() && inForce.get().policy().equals(request.policy())) {
            throw new StateConflictException(ErrorCode.ALREADY_EXISTS, "policy", request.policy().name(),
                    "is already in force on " + from + " (" + inForce.get().describe() + "); nothing to adopt");
        }
        context.draft().needApprovals(POLICY_APPROVERS, "policy adoption");
        context.draft().payload(new PolicyAdopted(request.policy(), request.reason()));
    }
}
