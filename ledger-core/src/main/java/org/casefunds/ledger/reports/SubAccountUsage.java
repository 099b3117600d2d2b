package org.casefunds.ledger.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The one-case-one-account usage rate (一案一账号使用率) of a period: the share of receipts that
 * arrived already routed by their sub-account.
 *
 * @param from the first day
 * @param to the last day
 * @param currency the currency
 * @param receipts how many receipts arrived (reversed ones left out)
 * @param bySubAccount how many were routed by sub-account
 * @param byCaseNumber how many by a case number
 * @param unidentified how many could not be routed
 * @param amount their total
 * @param amountBySubAccount the total routed by sub-account
 * @param rate the usage rate by count, in percent
 * @param rateByAmount the usage rate by amount, in percent
 */
public record SubAccountUsage(
        LocalDate from, LocalDate to, CurrencyUnit currency, int receipts, int bySubAccount, int byCaseNumber,
        int unidentified, Money amount, Money amountBySubAccount, Optional<BigDecimal> rate,
        Optional<BigDecimal> rateByAmount) {
}
