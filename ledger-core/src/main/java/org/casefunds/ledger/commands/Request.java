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
                LiftDeferral, AdoptCalendarYear, AdoptPolicy, RegisterStaff, GrantRole, RevokeRole {

}
