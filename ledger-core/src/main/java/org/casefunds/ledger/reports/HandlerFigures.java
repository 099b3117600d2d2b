package org.casefunds.ledger.reports;

import java.math.BigDecimal;
import java.util.Optional;
import org.joda.money.Money;

/**
 * One handler's figures for a period (docs/domain.md item 25).
 *
 * @param handler the handler's user id (cases counted under their handler at the period's end)
 * @param cases how many cases they handle
 * @param received money that reached their cases in the period (receipts and claims)
 * @param noticed notices and shares they issued in the period
 * @param paid those the bank paid in the period
 * @param held money on their cases at the end, not yet noticed
 * @param overdue the part of it past its notice deadline at the end
 * @param averageDaysToNotice calendar days from arrival to notice, per amount noticed in the
 *     period, if any was
 */
public record HandlerFigures(
        String handler, int cases, Flow received, Flow noticed, Flow paid, Money held, Money overdue,
        Optional<BigDecimal> averageDaysToNotice) {
}
