package org.casefunds.ledger.clock;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.calendar.CalendarSource;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.policy.CourtRules;
import org.casefunds.ledger.policy.Policy;

/**
 * The rules a figure is computed under: the working-day calendar (the shipped one with the years
 * the court adopted), the policy in force on each date (the adopted ones, else the ledger's base
 * policy), or, for a "what if" run, one policy for every date. Every report carries its
 * {@link #describe() description}, so an auditor can tell which rule gave which figure.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RulesInForce {
    private final Policy base;
    private final CourtRules recorded;
    private final WorkingDayCalendar calendar;
    private final Optional<Policy> whatIf;

    private RulesInForce(Policy base, CourtRules recorded, WorkingDayCalendar calendar, Optional<Policy> whatIf) {
        this.base = Checks.required(base, "policy");
        this.recorded = Checks.required(recorded, "rules");
        this.calendar = Checks.required(calendar, "calendar");
        this.whatIf = whatIf;
    }

    /**
     * The rules the journal records, over {@code baseCalendar} (normally
     * {@link WorkingDayCalendar#china()}), with {@code basePolicy} before any policy was adopted.
     */
    public static RulesInForce recorded(Policy basePolicy, CourtRules recorded, WorkingDayCalendar baseCalendar) {
        return new RulesInForce(basePolicy, recorded, recorded.calendar(baseCalendar), Optional.empty());
    }

    /** One policy on one calendar for every date, with nothing recorded: for tests and simple embedders. */
    public static RulesInForce fixed(Policy policy, WorkingDayCalendar calendar) {
        return new RulesInForce(policy, CourtRules.none(), calendar, Optional.empty());
    }

    /** These rules with {@code policy} in force on every date instead: a "what if" run, labelled as such. */
    public RulesInForce whatIf(Policy policy) {
        return new RulesInForce(base, recorded, calendar, Optional.of(Checks.required(policy, "policy")));
    }

    /** The calendar. */
    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /** What the journal records. */
    public CourtRules recorded() {
        return recorded;
    }

    /** Whether this is a "what if" run under a policy the journal does not record. */
    public boolean isWhatIf() {
        return whatIf.isPresent();
    }

    /** The policy in force on {@code date}. */
    public Policy policyOn(LocalDate date) {
        if (whatIf.isPresent()) {
            return whatIf.get();
        }
        return recorded.policyOn(date).map(CourtRules.AdoptedPolicy::policy).orElse(base);
    }

    /** Where the policy in force on {@code date} comes from, in words. */
    public String policySourceOn(LocalDate date) {
        if (whatIf.isPresent()) {
            return whatIf.get().name() + " (what if: not the policy the journal records)";
        }
        return recorded.policyOn(date).map(CourtRules.AdoptedPolicy::describe)
                .orElse(base.name() + " (the ledger's default: no policy adopted by " + date + ")");
    }

    /** Whether a count between the two dates touches a provisional calendar year. */
    public boolean provisional(LocalDate from, LocalDate to) {
        return calendar.countsThroughProvisional(from, to);
    }

    /**
     * What a report about {@code date} was computed under: the policy, the calendar's sources of
     * the years it used, and which of those years are provisional.
     *
     * @param date the report's date
     * @param yearsUsed the years the report's counts went through
     */
    public Description describe(LocalDate date, SortedSet<Integer> yearsUsed) {
        List<String> sources = new ArrayList<>();
        SortedSet<Integer> provisional = new TreeSet<>();
        for (int year : yearsUsed) {
            Optional<CalendarSource> source = calendar.source(year);
            if (source.isEmpty()) {
                continue;
            }
            String adopted = recorded.adopted(year).map(a -> ", adopted on " + a.adoptedOn() + " (event "
                    + a.sequence() + ")").orElse("");
            sources.add(year + ": " + source.get().describe() + adopted);
            if (source.get().isProvisional()) {
                provisional.add(year);
            }
        }
        String adopt = provisional.isEmpty() ? ""
                : "deadlines counted through " + provisional + " are provisional: adopt the State Council's "
                        + "schedule when it is published (casefunds calendar adopt FILE), and they are counted again";
        return new Description(policyOn(date).name(), policySourceOn(date), isWhatIf(), List.copyOf(sources),
                provisional, adopt);
    }

    /**
     * What a report was computed under, for the table and the JSON.
     *
     * @param policy the name of the policy in force on the report's date
     * @param policySource where that policy comes from
     * @param whatIf whether the policy is not the one the journal records
     * @param calendarSources the source of each calendar year the report counted through
     * @param provisionalYears the provisional years among them
     * @param howToAdopt what to do about provisional years; empty when there are none
     */
    public record Description(String policy, String policySource, boolean whatIf, List<String> calendarSources,
            SortedSet<Integer> provisionalYears, String howToAdopt) {
    }
}
