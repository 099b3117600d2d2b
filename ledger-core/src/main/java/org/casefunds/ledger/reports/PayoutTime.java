package org.casefunds.ledger.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Average payout time (案款发还平均用时) and timeliness (发放及时率) of the notices of a period
 * (docs/domain.md item 25). Each amount a notice took from a lot counts once: calendar days from the
 * money's arrival to the notice, and, once paid, to the bank payment; averaged per item and
 * weighted by amount. Notices later cancelled or returned by the bank are left out: the money was
 * not paid out, and counts when it is noticed again.
 *
 * @param from the first day of the period
 * @param to the last day
 * @param currency the currency
 * @param pieces how many lot amounts were noticed
 * @param noticed their sum
 * @param averageDaysToNotice the mean days from arrival to notice, per item
 * @param weightedDaysToNotice the same weighted by amount
 * @param paidPieces how many of them the bank has paid
 * @param averageDaysToBank the mean days from arrival to bank payment, per item
 * @param weightedDaysToBank the same weighted by amount
 * @param timelyPieces how many were noticed by their deadline (or while a deferral held them)
 * @param timelinessRate the share of items noticed in time, in percent
 * @param timelinessRateByAmount the share of the amount noticed in time, in percent
 */
public record PayoutTime(
        LocalDate from, LocalDate to, CurrencyUnit currency, int pieces, Money noticed,
        Optional<BigDecimal> averageDaysToNotice, Optional<BigDecimal> weightedDaysToNotice, int paidPieces,
        Optional<BigDecimal> averageDaysToBank, Optional<BigDecimal> weightedDaysToBank, int timelyPieces,
        Optional<BigDecimal> timelinessRate, Optional<BigDecimal> timelinessRateByAmount) {
}
