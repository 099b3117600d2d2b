package org.casefunds.ledger.events;

import java.util.List;
import org.casefunds.ledger.cases.CaseNumber;

/**
 * What an event says happened: one record per kind of event (docs/design.md §4). Payloads describe the
 * decision the ledger took (where a receipt was routed, which account paid), so that folding the
 * journal never needs the policy or the calendar again. The money an event moves is in its
 * postings and lot movements, beside the payload.
 */
public sealed interface EventPayload
        permits LedgerOpened, BankAccountRegistered, BankAccountRetired, CaseOpened, CaseHandedOver,
                PayeeConfirmed, ReceiptRecorded, UnidentifiedClaimed, PayoutNoticeIssued,
                SurplusRefundIssued, DepositIssued, UnidentifiedRefundIssued, DistributionIssued,
                DisbursementSettled, DisbursementReturned, ExecutionFeeCharged, FeesSwept,
                CaseFundsTransferred, EventReversed, PeriodClosed, DeferralGranted, DeferralRenewed,
                DeferralLifted, CalendarYearAdopted, PolicyAdopted, StaffRegistered, RoleGranted,
                RoleRevoked {

    /** The kind of this event; never null. */
    default EventKind kind() {
        return EventKind.of(this);
    }

    /** The cases the event concerns, in the order its payload names them; possibly none. */
    default List<CaseNumber> cases() {
        return List.of();
    }
}
