package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.util.Optional;
import org.casefunds.ledger.accounts.AccountId;
import org.casefunds.ledger.journal.LotId;
import org.joda.money.Money;

/**
 * Money that arrived on or before the old-balances cut-off and is still held (旧存案款).
 *
 * @param account the case or unidentified account holding it
 * @param handler the case's handler, for a case
 * @param lot the lot
 * @param arrivalDate when it arrived
 * @param remaining how much is still held
 * @param daysHeld calendar days from arrival to the report date
 * @param inTransit the disbursement the money is in transit on, when it was noticed and the bank
 *     has not paid it yet; empty when it still waits on its account
 */
public record OldBalance(
        AccountId account, Optional<String> handler, LotId lot, LocalDate arrivalDate, Money remaining,
        long daysHeld, Optional<String> inTransit) {
}
