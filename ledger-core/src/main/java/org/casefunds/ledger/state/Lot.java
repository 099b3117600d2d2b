package org.casefunds.ledger.state;

import java.time.LocalDate;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.journal.LotId;
import org.joda.money.Money;

/**
 * An amount that reached a case or the unidentified account, with its dates (docs/design.md §5).
 *
 * @param id the lot's id
 * @param account the case or unidentified account holding it
 * @param amount the amount it was created with
 * @param remaining what is left of it: not yet noticed, charged, transferred or claimed
 * @param arrivalDate the bank value date of the money
 * @param clockStart the date its payout (or claiming) clock starts
 * @param availableFrom the earliest effective date on which a command may take from it: its
 *     creation date, or the date of the latest reversal that put money back
 * @param receipt the key of the receipt the money came in with
 * @param createdOn the effective date of the event that created the lot
 * @param origin how the money reached the account
 */
public record Lot(
        LotId id, AccountId account, Money amount, Money remaining, LocalDate arrivalDate,
        LocalDate clockStart, LocalDate availableFrom, String receipt, LocalDate createdOn, Origin origin) {

    /** How a lot's money reached its account. */
    public enum Origin {
        /** Recorded from the bank: routed to the case, or waiting as unidentified. */
        RECEIPT,
        /** Claimed from an unidentified receipt. */
        CLAIM,
        /** Transferred from another case. */
        TRANSFER,
        /** Back from a payout, refund or deposit the bank could not pay. */
        RETURN
    }

    /** Whether nothing has been taken from the lot. */
    public boolean whole() {
        return remaining.equals(amount);
    }

    Lot withRemaining(Money newRemaining, LocalDate newAvailableFrom) {
        return new Lot(id, account, amount, newRemaining, arrivalDate, clockStart, newAvailableFrom, receipt,
                createdOn, origin);
    }
}
