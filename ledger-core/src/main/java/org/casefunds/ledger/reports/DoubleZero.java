package org.casefunds.ledger.reports;

import java.time.LocalDate;
import java.util.List;
import org.casefunds.ledger.clock.RulesInForce;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * "Double zero" (双清零) on a date (docs/domain.md item 23): no overdue unpaid funds and no unidentified
 * funds. Strict: overdue unpaid amount 0 and unidentified amount 0. Lenient: overdue unpaid amount 0
 * and no unidentified receipt past its claiming deadline. Money under an in-date deferral is not
 * overdue; deposited money is cleared.
 *
 * @param date the date
 * @param strict whether the court is strictly double zero in every currency
 * @param lenient whether it is double zero counting only unidentified money past its deadline
 * @param currencies the figures per currency
 * @param rules what the figures were computed under: the policy and where it comes from, the
 *     calendar's sources, the provisional years among them and how to adopt their schedules
 */
public record DoubleZero(LocalDate date, boolean strict, boolean lenient, List<Figures> currencies,
        RulesInForce.Description rules) {

    /**
     * The figures of one currency.
     *
     * @param currency the currency
     * @param overdueLots how many unnoticed amounts are past their notice deadline
     * @param overdueCases in how many cases
     * @param overdueAmount their sum
     * @param financeOverdueNotices how many notices finance has not had paid within its deadline
     * @param financeOverdueAmount their sum
     * @param unidentifiedReceipts how many unidentified receipts still hold money
     * @param unidentifiedAmount their sum
     * @param unidentifiedPastDeadline how many of them are past their claiming deadline
     * @param unidentifiedPastDeadlineAmount their sum
     * @param overdueProvisionalLots how many of the overdue amounts have a deadline counted through
     *     a provisional calendar year
     * @param overdueProvisionalAmount their sum: the part of the overdue figure that may change
     *     when the year's official schedule is adopted
     */
    public record Figures(
            CurrencyUnit currency, int overdueLots, int overdueCases, Money overdueAmount, int financeOverdueNotices,
            Money financeOverdueAmount, int unidentifiedReceipts, Money unidentifiedAmount,
            int unidentifiedPastDeadline, Money unidentifiedPastDeadlineAmount, int overdueProvisionalLots,
            Money overdueProvisionalAmount) {

        /** Overdue unpaid funds (超期未发案款): unnoticed past deadline plus notices unpaid past deadline. */
        public Money overdueUnpaid() {
            return overdueAmount.plus(financeOverdueAmount);
        }

        /** Whether this currency is strictly double zero. */
        public boolean strict() {
            return overdueUnpaid().isZero() && unidentifiedAmount.isZero();
        }

        /** Whether this currency is double zero counting only unidentified money past its deadline. */
        public boolean lenient() {
            return overdueUnpaid().isZero() && unidentifiedPastDeadlineAmount.isZero();
        }
    }
}
