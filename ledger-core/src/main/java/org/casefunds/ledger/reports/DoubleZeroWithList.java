package org.casefunds.ledger.reports;

import java.util.List;

/**
 * Double zero on a date and the daily three-colour list of the same date, computed together
 * ({@link CourtReports#doubleZeroWithList}): the finance office's first screen.
 *
 * @param doubleZero the figures, as {@link CourtReports#doubleZero} gives them
 * @param dailyList the three-colour list, most urgent first, as {@link CourtReports#dailyList} gives it
 */
public record DoubleZeroWithList(DoubleZero doubleZero, List<CaseLotStatus> dailyList) {
    /** Copies the list. */
    public DoubleZeroWithList {
        dailyList = List.copyOf(dailyList);
    }
}
