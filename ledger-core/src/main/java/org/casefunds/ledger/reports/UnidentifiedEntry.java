package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.events.Payer;
import org.joda.money.Money;

/**
 * An unidentified receipt still holding money on a date.
 *
 * @param receipt its key
 * @param bankAccount the master account it arrived on
 * @param bankReference the bank's serial number
 * @param arrivalDate the bank value date
 * @param remaining what is left to claim or refund
 * @param payer who paid
 * @param memo the memo
 * @param claimingDeadline the date by which it must be claimed
 * @param ageDays calendar days since it arrived
 * @param workingDaysLeft working days to the claiming deadline; negative when past it
 * @param pastDeadline whether the claiming deadline has passed
 * @param provisional whether the claiming deadline was counted through a provisional calendar year
 */
public record UnidentifiedEntry(
        String receipt, String bankAccount, String bankReference, LocalDate arrivalDate, Money remaining,
        Payer payer, Optional<String> memo, LocalDate claimingDeadline, long ageDays, int workingDaysLeft,
        boolean pastDeadline, boolean provisional) {
}
