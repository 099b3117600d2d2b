package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.util.List;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The weekly fund report (周报, docs/domain.md item 25) for a period of one currency.
 *
 * @param from the first day
 * @param to the last day
 * @param currency the currency
 * @param received receipts that arrived in the period (routed and unidentified)
 * @param claimed unidentified money claimed into cases in the period
 * @param noticed payment notices, distribution shares, surplus refunds and deposits issued
 * @param paid those the bank paid in the period
 * @param returned those the bank could not pay, in the period
 * @param refundedUnidentified unidentified money refunded to payers (issued) in the period
 * @param heldOnCases money on case accounts at the end, not yet noticed
 * @param heldUnidentified unidentified money at the end
 * @param heldInTransit money noticed and not yet paid at the end
 * @param casesHolding how many cases hold money (unnoticed or in transit) at the end
 * @param handlers the figures per handler
 */
public record WeeklyReport(
        LocalDate from, LocalDate to, CurrencyUnit currency, Flow received, Flow claimed, Flow noticed, Flow paid,
        Flow returned, Flow refundedUnidentified, Money heldOnCases, Money heldUnidentified, Money heldInTransit,
        int casesHolding, List<HandlerFigures> handlers) {
}
