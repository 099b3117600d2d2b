package org.casefunds.ledger.clock;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.state.Lot;
import org.joda.money.Money;

/**
 * Where an unnoticed amount of a case stands on a date.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param lot the lot
 * @param amount the part of the lot's remainder this status is about (all of it, unless a deferral
 *     with an amount covers part)
 * @param deadline the notice deadline
 * @param state overdue, near deadline, in time, or deferred
 * @param daysLeft days from the date to the deadline in the warning horizon's unit (working days
 *     by default): the working days after the date up to and including the deadline, so 0 on the
 *     deadline day and on rest days that follow it, and negative (minus the working days past it)
 *     from the next working day; the state, not this count, says whether the money is overdue
 * @param newlyArrived whether the lot reached the case on the date
 * @param deferral the id of the deferral holding it, when deferred
 * @param provisional whether the deadline was counted through a provisional calendar year (one
 *     whose official schedule is not adopted yet): it may move when the schedule is adopted
 */
public record LotStatus(
        Lot lot, Money amount, LocalDate deadline, State state, int daysLeft, boolean newlyArrived,
        Optional<String> deferral, boolean provisional) {

    /** Where it stands. */
    public enum State {
        /** Past its deadline and not deferred. */
        OVERDUE,
        /** At most the warning horizon left. */
        NEAR_DEADLINE,
        /** More time left than the warning horizon. */
        IN_TIME,
        /** An approved deferral holds it. */
        DEFERRED
    }

    /** The daily three-colour flag (docs/domain.md item 24). */
    public enum Colour {
        /** Overdue. */
        RED,
        /** Near its deadline. */
        YELLOW,
        /** Newly arrived and neither overdue nor near its deadline. */
        GREEN,
        /** None of the three: in time, or deferred. */
        NONE
    }

    /** Its colour on the daily list: red when overdue, yellow when near, green when new. */
    public Colour colour() {
        if (state == State.OVERDUE) {
            return Colour.RED;
        }
        if (state == State.NEAR_DEADLINE) {
            return Colour.YELLOW;
        }
        return newlyArrived && state != State.DEFERRED ? Colour.GREEN : Colour.NONE;
    }
}
