package org.casefunds.ledger.commands;

/**
 * What a {@link Command} asks the ledger to do: one record per kind of request. Each record checks
 * its own fields when it is made, so a malformed request never exists; the ledger then checks it
 * against the state, the roles and the policy.
 */
public sealed interface Request
        permits OpenLedger, RegisterBankAccount, RetireBankAccount, OpenCase, HandOverCase, ConfirmPayee,
                RecordReceipt, ClaimUnidentified, RefundUnidentified, IssuePayoutNotice, RefundSurplus,
                DepositWithNotary, Distribute, SettleDisbursement, ReturnDisbursement, ChargeExecutionFee,
                SweepFees, TransferBetweenCases, Reverse, ClosePeriod, GrantDeferral, RenewDeferral,
                LiftDeferral, AdoptCalendarYear, AdoptPolicy {

    /** The longest free text: reasons, notes, explanations, memos. */
    int TEXT_LENGTH_MAX = 500;
    /** The longest bank reference (serial number). */
    int BANK_REFERENCE_LENGTH_MAX = 64;
    /** The longest bank account or sub-account number. */
    int ACCOUNT_NUMBER_LENGTH_MAX = 40;
}
