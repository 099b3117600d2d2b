package org.casefunds.ledger.events;

import org.casefunds.ledger.cases.BankDetails;
import org.casefunds.ledger.money.ProRata;
import org.joda.money.Money;

/**
 * One creditor's share of a distribution.
 *
 * @param disbursement the share's disbursement id: the event's key, {@code #}, the share's number from 1
 * @param creditor the creditor's name
 * @param rank costs, priority or ordinary claim
 * @param claimed the amount claimed
 * @param allocated the amount allocated; zero shares are recorded but pay nothing
 * @param payee the creditor's account
 */
public record DistributionShare(
        String disbursement, String creditor, ProRata.Rank rank, Money claimed, Money allocated,
        BankDetails payee) {
}
