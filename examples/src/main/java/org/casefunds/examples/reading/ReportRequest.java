package org.casefunds.examples.reading;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.CurrencyUnit;

/**
 * What a report is asked for: the date of a dated report, the period of a period report (the date is
 * then its last day), and the currency of a period report.
 *
 * @param date the date (for a period, its last day)
 * @param from the period's first day
 * @param to the period's last day
 * @param currency the currency of a period report
 * @param cutoff for the old balances, another cut-off than the policy's
 */
public record ReportRequest(LocalDate date, LocalDate from, LocalDate to, CurrencyUnit currency,
        Optional<LocalDate> cutoff) {

    /** Checks the period runs forwards. */
    public ReportRequest {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(cutoff, "cutoff");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to + "; give the period's first day"
                    + " first");
        }
    }

    /** A report about {@code date}. */
    public static ReportRequest on(LocalDate date) {
        return new ReportRequest(date, date, date, CurrencyUnit.of("CNY"), Optional.empty());
    }

    /** A report about the period {@code from} to {@code to}, in {@code currency}. */
    public static ReportRequest over(LocalDate from, LocalDate to, CurrencyUnit currency) {
        return new ReportRequest(to, from, to, currency, Optional.empty());
    }

    /** This request with the old balances' cut-off {@code cutoff} instead of the policy's. */
    public ReportRequest withCutoff(LocalDate cutoff) {
        return new ReportRequest(date, from, to, currency, Optional.of(cutoff));
    }
}
