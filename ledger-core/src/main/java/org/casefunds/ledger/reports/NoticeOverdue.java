package org.casefunds.ledger.reports;

import java.time.LocalDate;
import org.casefunds.ledger.state.DisbursementRecord;

/**
 * A notice (or refund, deposit) that finance has not had paid within its deadline.
 *
 * @param notice the disbursement
 * @param deadline the settlement deadline
 * @param workingDaysOverdue working days past the deadline
 * @param provisional whether the deadline was counted through a provisional calendar year
 */
public record NoticeOverdue(DisbursementRecord notice, LocalDate deadline, int workingDaysOverdue,
        boolean provisional) {
}
