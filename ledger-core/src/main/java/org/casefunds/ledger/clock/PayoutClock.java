package org.casefunds.ledger.clock;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.calendar.WorkingDayCalendar;
import org.casefunds.ledger.policy.Period;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.state.Deferral;
import org.casefunds.ledger.state.DisbursementRecord;
import org.casefunds.ledger.state.Lot;
import org.joda.money.Money;

/**
 * The payout clock (docs/design.md §5): when each amount that reached a case must be noticed to finance,
 * when finance must have the bank pay a notice, when an unidentified receipt must be claimed, and
 * where each lot stands on a date. This is the one place those rules live.
 *
 * <ul>
 *   <li>A lot's <b>notice deadline</b> is its clock start plus the policy's notice deadline for its
 *       amount, on the working-day calendar (the start day not counted; a calendar-day period ending
 *       on a rest day moves to the next working day).</li>
 *   <li>While an approved deferral of its case <b>holds</b>, a lot is deferred, never overdue. A
 *       deferral with an amount covers the case's money with the earliest deadlines first, up to
 *       that amount; the rest of the case's money keeps its clock.</li>
 *   <li>When a deferral of its case has <b>ended</b> (lifted, or past its end date) after the lot's
 *       clock started, the clock restarts: the deadline is at least the end of the policy's
 *       restart period counted from the day the deferral ended. For a deferral of the whole case
 *       this applies to every lot; for a deferral with an amount, to that amount of the case's
 *       waiting money, earliest deadlines first (the money it covered), so the rest keeps its
 *       clock.</li>
 *   <li>On a date, a lot is <b>overdue</b> after its deadline, <b>near deadline</b> when at most the
 *       warning horizon is left, else in time; it is <b>newly arrived</b> on the day it reached the
 *       case.</li>
 * </ul>
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PayoutClock {
    private final RulesInForce rules;
    private final WorkingDayCalendar calendar;

    /** A clock under {@code policy} on every date, on {@code calendar}. */
    public PayoutClock(Policy policy, WorkingDayCalendar calendar) {
        this(RulesInForce.fixed(policy, calendar));
    }

    /**
     * A clock under the rules in force: the policy in force on the day a lot's clock starts governs
     * its deadline, the one in force on a deferral's grant its restart, the one on a notice's issue
     * its settlement deadline, the one on the report's date the warning horizon.
     */
    public PayoutClock(RulesInForce rules) {
        this.rules = Checks.required(rules, "rules");
        this.calendar = rules.calendar();
    }

    /** The rules. */
    public RulesInForce rules() {
        return rules;
    }

    /** The policy in force on {@code date}. */
    public Policy policyOn(LocalDate date) {
        return rules.policyOn(date);
    }

    /** The calendar. */
    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /**
     * The notice deadline of a case lot as known on {@code date}: its own deadline, pushed later by
     * every deferral of its case that ended by {@code date} after the lot's clock started.
     *
     * @throws org.casefunds.ledger.base.InvalidInputException if the calendar has no data for the dates
     */
    public LocalDate noticeDeadline(Lot lot, List<Deferral> caseDeferrals, LocalDate date) {
        LocalDate deadline = rules.policyOn(lot.clockStart()).noticeDeadlineFor(lot.amount())
                .endAfter(lot.clockStart(), calendar, "lot " + lot.id() + " clock start");
        for (Deferral deferral : caseDeferrals) {
            if (deferral.amount().isEmpty() && restartsClockOf(deferral, lot, date)) {
                deadline = later(deadline, restartedDeadline(deferral));
            }
        }
        return deadline;
    }

    /** Whether {@code deferral} had ended by {@code date} after the lot's clock started. */
    private static boolean restartsClockOf(Deferral deferral, Lot lot, LocalDate date) {
        return deferral.endedBy(date) && !deferral.endedOn().isBefore(lot.clockStart())
                && !deferral.start().isAfter(deferral.endedOn());
    }

    private LocalDate restartedDeadline(Deferral deferral) {
        return rules.policyOn(deferral.grantedOn()).restartAfterDeferral().endAfter(deferral.endedOn(), calendar,
                "deferral " + deferral.id() + " end");
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return b.isAfter(a) ? b : a;
    }

    /** The date by which finance must have the bank pay {@code notice}. */
    public LocalDate settlementDeadline(DisbursementRecord notice) {
        return rules.policyOn(notice.issuedOn()).settlementDeadline().endAfter(notice.issuedOn(), calendar,
                "notice " + notice.id());
    }

    /** The date by which an unidentified lot must be claimed. */
    public LocalDate claimingDeadline(Lot unidentified) {
        return rules.policyOn(unidentified.clockStart()).claimingDeadline().endAfter(unidentified.clockStart(),
                calendar, "receipt " + unidentified.receipt());
    }

    /**
     * Days from {@code from} to {@code to} in {@code unit}: working days counted after {@code from}
     * up to and including {@code to}, or calendar days; negative when {@code to} is earlier.
     */
    public int daysBetween(LocalDate from, LocalDate to, Period.Unit unit) {
        if (unit == Period.Unit.WORKING_DAYS) {
            return calendar.workingDaysBetween(from, to);
        }
        return Math.toIntExact(ChronoUnit.DAYS.between(from, to));
    }

    /**
     * Where each unnoticed lot of one case stands on {@code date}. A lot partly covered by a
     * deferral with an amount gives two statuses: the covered part, deferred, and the rest.
     *
     * @param openLots the case's lots holding money on {@code date}
     * @param caseDeferrals the case's deferrals as known on {@code date}
     */
    public List<LotStatus> statusOfCase(List<Lot> openLots, List<Deferral> caseDeferrals, LocalDate date) {
        List<Deadlined> lots = new ArrayList<>();
        for (Lot lot : openLots) {
            lots.add(new Deadlined(lot, lot.remaining(), noticeDeadline(lot, caseDeferrals, date)));
        }
        lots.sort(DEADLINE_ORDER);
        for (Deferral deferral : caseDeferrals) {
            if (deferral.amount().isPresent() && deferral.endedBy(date)) {
                lots = restart(lots, deferral, date);
            }
        }
        List<Deferral> holding = new ArrayList<>();
        for (Deferral deferral : caseDeferrals) {
            if (deferral.holdsOn(date)) {
                holding.add(deferral);
            }
        }
        Optional<Deferral> wholeCase = holding.stream().filter(deferral -> deferral.amount().isEmpty()).findFirst();
        List<LotStatus> statuses = new ArrayList<>();
        for (Deadlined each : lots) {
            Lot lot = each.lot();
            Money exposed = each.amount();
            if (wholeCase.isPresent()) {
                statuses.add(deferred(lot, exposed, each.deadline(), wholeCase.get(), date));
                continue;
            }
            for (int i = 0; i < holding.size() && exposed.isPositive(); i++) {
                Deferral deferral = holding.get(i);
                Money budget = deferral.amount().get();
                if (!budget.isSameCurrency(exposed) || !budget.isPositive()) {
                    continue;
                }
                Money covered = budget.isLessThan(exposed) ? budget : exposed;
                holding.set(i, withBudget(deferral, budget.minus(covered)));
                statuses.add(deferred(lot, covered, each.deadline(), deferral, date));
                exposed = exposed.minus(covered);
            }
            if (exposed.isPositive()) {
                statuses.add(running(lot, exposed, each.deadline(), date));
            }
        }
        return statuses;
    }

    /** An amount of a lot with its deadline; a lot splits when only part of it is deferred. */
    private record Deadlined(Lot lot, Money amount, LocalDate deadline) {
    }

    private static final Comparator<Deadlined> DEADLINE_ORDER =
            Comparator.comparing(Deadlined::deadline).thenComparing(each -> each.lot().id());

    /**
     * The parts after {@code deferral}, a deferral with an amount that has ended, restarted the
     * clock of the money it covered: its amount of the parts waiting when it ended, earliest
     * deadlines first.
     */
    private List<Deadlined> restart(List<Deadlined> parts, Deferral deferral, LocalDate date) {
        LocalDate restarted = restartedDeadline(deferral);
        Money budget = deferral.amount().orElseThrow();
        List<Deadlined> result = new ArrayList<>();
        for (Deadlined part : parts) {
            boolean covered = budget.isPositive() && budget.isSameCurrency(part.amount())
                    && restartsClockOf(deferral, part.lot(), date) && part.deadline().isBefore(restarted);
            if (!covered) {
                result.add(part);
                continue;
            }
            Money taken = budget.isLessThan(part.amount()) ? budget : part.amount();
            budget = budget.minus(taken);
            result.add(new Deadlined(part.lot(), taken, restarted));
            if (taken.isLessThan(part.amount())) {
                result.add(new Deadlined(part.lot(), part.amount().minus(taken), part.deadline()));
            }
        }
        result.sort(DEADLINE_ORDER);
        return result;
    }

    /** A copy of the deferral whose amount is what it still covers while lots are being assigned. */
    private static Deferral withBudget(Deferral deferral, Money left) {
        return new Deferral(deferral.id(), deferral.caseNumber(), deferral.reason(), deferral.explanation(),
                deferral.start(), deferral.end(), Optional.of(left), deferral.grantedOn(), deferral.liftedOn(),
                deferral.approvals(), deferral.changedOn());
    }

    private LotStatus deferred(Lot lot, Money amount, LocalDate deadline, Deferral deferral, LocalDate date) {
        Period horizon = rules.policyOn(date).warningHorizon();
        return new LotStatus(lot, amount, deadline, LotStatus.State.DEFERRED,
                daysBetween(date, deadline, horizon.unit()), lot.createdOn().equals(date),
                Optional.of(deferral.id()), provisional(lot, deadline, date));
    }

    /** Whether the deadline was counted through a provisional year, or the count to it from the date is. */
    private boolean provisional(Lot lot, LocalDate deadline, LocalDate date) {
        LocalDate start = lot.clockStart().isBefore(date) ? lot.clockStart() : date;
        return calendar.countsThroughProvisional(start, deadline);
    }

    private LotStatus running(Lot lot, Money amount, LocalDate deadline, LocalDate date) {
        Period horizon = rules.policyOn(date).warningHorizon();
        int daysLeft = daysBetween(date, deadline, horizon.unit());
        LotStatus.State state;
        if (date.isAfter(deadline)) {
            state = LotStatus.State.OVERDUE;
        } else if (daysLeft <= horizon.length()) {
            state = LotStatus.State.NEAR_DEADLINE;
        } else {
            state = LotStatus.State.IN_TIME;
        }
        return new LotStatus(lot, amount, deadline, state, daysLeft, lot.createdOn().equals(date), Optional.empty(),
                provisional(lot, deadline, date));
    }
}
