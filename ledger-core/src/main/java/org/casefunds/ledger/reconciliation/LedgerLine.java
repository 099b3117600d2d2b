package org.casefunds.ledger.reconciliation;

import java.time.LocalDate;
import org.casefunds.ledger.base.Checks;
import org.casefunds.ledger.events.EventKind;
import org.casefunds.ledger.money.Amounts;
import org.joda.money.Money;

/**
 * One movement of a master account as the ledger records it: the line the bank's statement should
 * show for it.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param reference the bank reference the event recorded (a receipt's serial number, a settlement's
 *     or a fee sweep's transfer reference; a reversal carries the reference of the event it reverses)
 * @param valueDate the event's effective date
 * @param direction credit (money in) or debit (money out), as the statement would say it
 * @param amount the positive amount
 * @param eventSequence the sequence number of the event that moved the money
 * @param eventKind that event's kind
 */
public record LedgerLine(
        String reference, LocalDate valueDate, Direction direction, Money amount, long eventSequence,
        EventKind eventKind) {

    /** Checks the values. */
    public LedgerLine {
        Checks.required(reference, "reference");
        Checks.required(valueDate, "valueDate");
        Checks.required(direction, "direction");
        Amounts.positive(amount, "amount");
        Checks.argument(eventSequence >= 1, "eventSequence", eventSequence, "events are numbered from 1");
        Checks.required(eventKind, "eventKind");
    }

    /** The line's effect on the balance in minor units: positive for a credit, negative for a debit. */
    public long movementMinor() {
        return direction.signed(amount.getAmountMinorLong());
    }
}
