package org.casefunds.ledger.events;

/**
 * Every kind of event, one per payload record, with whether it moves money. The names follow the
 * reporting data set that courts send upward (docs/domain.md item 27).
 */
public enum EventKind {
    LEDGER_OPENED(LedgerOpened.class, false),
    BANK_ACCOUNT_REGISTERED(BankAccountRegistered.class, false),
    BANK_ACCOUNT_RETIRED(BankAccountRetired.class, false),
    CASE_OPENED(CaseOpened.class, false),
    CASE_HANDED_OVER(CaseHandedOver.class, false),
    PAYEE_CONFIRMED(PayeeConfirmed.class, false),
    RECEIPT_RECORDED(ReceiptRecorded.class, true),
    UNIDENTIFIED_CLAIMED(UnidentifiedClaimed.class, true),
    PAYOUT_NOTICE_ISSUED(PayoutNoticeIssued.class, true),
    SURPLUS_REFUND_ISSUED(SurplusRefundIssued.class, true),
    DEPOSIT_ISSUED(DepositIssued.class, true),
    UNIDENTIFIED_REFUND_ISSUED(UnidentifiedRefundIssued.class, true),
    DISTRIBUTION_ISSUED(DistributionIssued.class, true),
    DISBURSEMENT_SETTLED(DisbursementSettled.class, true),
    DISBURSEMENT_RETURNED(DisbursementReturned.class, true),
    EXECUTION_FEE_CHARGED(ExecutionFeeCharged.class, true),
    FEES_SWEPT(FeesSwept.class, true),
    CASE_FUNDS_TRANSFERRED(CaseFundsTransferred.class, true),
    EVENT_REVERSED(EventReversed.class, true),
    PERIOD_CLOSED(PeriodClosed.class, false),
    DEFERRAL_GRANTED(DeferralGranted.class, false),
    DEFERRAL_RENEWED(DeferralRenewed.class, false),
    DEFERRAL_LIFTED(DeferralLifted.class, false),
    CALENDAR_YEAR_ADOPTED(CalendarYearAdopted.class, false),
    POLICY_ADOPTED(PolicyAdopted.class, false),
    STAFF_REGISTERED(StaffRegistered.class, false),
    ROLE_GRANTED(RoleGranted.class, false),
    ROLE_REVOKED(RoleRevoked.class, false);

    private final Class<? extends EventPayload> payloadType;
    private final boolean financial;

    EventKind(Class<? extends EventPayload> payloadType, boolean financial) {
        this.payloadType = payloadType;
        this.financial = financial;
    }

    /** The payload record of this kind. */
    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** Whether events of this kind carry postings. */
    public boolean financial() {
        return financial;
    }

    /** The kind of {@code payload}. */
    public static EventKind of(EventPayload payload) {
        for (EventKind kind : values()) {
            if (kind.payloadType == payload.getClass()) {
                return kind;
            }
        }
        throw new AssertionError("no event kind for " + payload.getClass());
    }
}
