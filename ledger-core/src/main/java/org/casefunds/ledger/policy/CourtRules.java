package org.casefunds.ledger.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.calendar.CalendarYear;
import org.casefunds.ledger.calendar.WorkingDayCalendar;

/**
 * The court's timeline as the journal records it: every calendar year and every policy adopted,
 * in journal order, each with its event's sequence and effective date. A fold of the
 * {@code CalendarYearAdopted} and {@code PolicyAdopted} events; {@link #asOf} keeps those effective
 * on or before a date, as every other figure "as of" a date does.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param calendarYears the calendar years adopted, in journal order
 * @param policies the policies adopted, in journal order
 */
public record CourtRules(List<AdoptedYear> calendarYears, List<AdoptedPolicy> policies) {

    /**
     * A calendar year adopted.
     *
     * @param sequence the event's sequence
     * @param adoptedOn the event's effective date
     * @param year the year's data and source
     * @param reason why data already held was replaced
     */
    public record AdoptedYear(long sequence, LocalDate adoptedOn, CalendarYear year, Optional<String> reason) {
        /** Checks nothing is null. */
        public AdoptedYear {
            Checks.required(adoptedOn, "adoptedOn");
            Checks.required(year, "year");
            Checks.required(reason, "reason");
        }
    }

    /**
     * A policy adopted.
     *
     * @param sequence the event's sequence
     * @param from the event's effective date: the first day the policy is in force
     * @param policy the policy
     * @param reason why it was adopted
     */
    public record AdoptedPolicy(long sequence, LocalDate from, Policy policy, Optional<String> reason) {
        /** Checks nothing is null. */
        public AdoptedPolicy {
            Checks.required(from, "from");
            Checks.required(policy, "policy");
            Checks.required(reason, "reason");
        }

        /** For example {@code SPC 2017, adopted from 2025-03-01 (event 12)}. */
        public String describe() {
            return policy.name() + ", adopted from " + from + " (event " + sequence + ")";
        }
    }

    /** Copies the lists. */
    public CourtRules {
        calendarYears = List.copyOf(Checks.required(calendarYears, "calendarYears"));
        policies = List.copyOf(Checks.required(policies, "policies"));
    }

    /** Nothing adopted. */
    public static CourtRules none() {
        return new CourtRules(List.of(), List.of());
    }

    /** These rules and {@code adopted} after them. */
    public CourtRules with(AdoptedYear adopted) {
        List<AdoptedYear> years = new ArrayList<>(calendarYears);
        years.add(adopted);
        return new CourtRules(years, policies);
    }

    /** These rules and {@code adopted} after them. */
    public CourtRules with(AdoptedPolicy adopted) {
        List<AdoptedPolicy> adoptedPolicies = new ArrayList<>(policies);
        adoptedPolicies.add(adopted);
        return new CourtRules(calendarYears, adoptedPolicies);
    }

    /** The adoptions effective on or before {@code date}. */
    public CourtRules asOf(LocalDate date) {
        Checks.required(date, "date");
        return new CourtRules(
                calendarYears.stream().filter(adopted -> !adopted.adoptedOn().isAfter(date)).toList(),
                policies.stream().filter(adopted -> !adopted.from().isAfter(date)).toList());
    }

    /** Whether nothing was adopted. */
    public boolean isEmpty() {
        return calendarYears.isEmpty() && policies.isEmpty();
    }

    /** The latest adoption of each year, by year. */
    public Map<Integer, AdoptedYear> latestYears() {
        Map<Integer, AdoptedYear> latest = new LinkedHashMap<>();
        for (AdoptedYear adopted : calendarYears) {
            latest.put(adopted.year().year(), adopted);
        }
        return latest;
    }

    /** The latest adoption of {@code year}, if any. */
    public Optional<AdoptedYear> adopted(int year) {
        return Optional.ofNullable(latestYears().get(year));
    }

    /**
     * {@code base} with every adopted year in place of its own.
     *
     * @throws org.casefunds.ledger.base.InvalidInputException if the years would not be consecutive
     */
    public WorkingDayCalendar calendar(WorkingDayCalendar base) {
        if (calendarYears.isEmpty()) {
            return base;
        }
        return base.withYears(latestYears().values().stream().map(AdoptedYear::year).toList());
    }

    /**
     * The adoption in force on {@code date}: the one with the latest first day on or before it (of
     * two with the same first day, the later in the journal); empty if none was adopted by then.
     */
    public Optional<AdoptedPolicy> policyOn(LocalDate date) {
        AdoptedPolicy found = null;
        for (AdoptedPolicy adopted : policies) {
            if (!adopted.from().isAfter(date) && (found == null || !adopted.from().isBefore(found.from()))) {
                found = adopted;
            }
        }
        return Optional.ofNullable(found);
    }
}
