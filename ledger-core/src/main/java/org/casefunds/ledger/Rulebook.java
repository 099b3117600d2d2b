package org.casefunds.ledger;

import static org.casefunds.ledger.processing.RequestKinds.kind;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.casefunds.ledger.administration.AdministrationDecisions;
import org.casefunds.ledger.administration.StaffDecisions;
import org.casefunds.ledger.approvals.Role;
import org.casefunds.ledger.caserecords.CaseDecisions;
import org.casefunds.ledger.commands.AdoptCalendarYear;
import org.casefunds.ledger.commands.AdoptPolicy;
import org.casefunds.ledger.commands.ChargeExecutionFee;
import org.casefunds.ledger.commands.ClaimUnidentified;
import org.casefunds.ledger.commands.ClosePeriod;
import org.casefunds.ledger.commands.ConfirmPayee;
import org.casefunds.ledger.commands.DepositWithNotary;
import org.casefunds.ledger.commands.Distribute;
import org.casefunds.ledger.commands.GrantDeferral;
import org.casefunds.ledger.commands.GrantRole;
import org.casefunds.ledger.commands.HandOverCase;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.LiftDeferral;
import org.casefunds.ledger.commands.OpenCase;
import org.casefunds.ledger.commands.OpenLedger;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.commands.RefundSurplus;
import org.casefunds.ledger.commands.RefundUnidentified;
import org.casefunds.ledger.commands.RegisterStaff;
import org.casefunds.ledger.commands.RegisterBankAccount;
import org.casefunds.ledger.commands.RenewDeferral;
import org.casefunds.ledger.commands.RetireBankAccount;
import org.casefunds.ledger.commands.ReturnDisbursement;
import org.casefunds.ledger.commands.RevokeRole;
import org.casefunds.ledger.commands.Reverse;
import org.casefunds.ledger.commands.SettleDisbursement;
import org.casefunds.ledger.commands.SweepFees;
import org.casefunds.ledger.commands.TransferBetweenCases;
import org.casefunds.ledger.deferrals.DeferralDecisions;
import org.casefunds.ledger.disbursements.DisbursementDecisions;
import org.casefunds.ledger.fees.FeeDecisions;
import org.casefunds.ledger.processing.RequestKinds;
import org.casefunds.ledger.receipts.ReceiptDecisions;
import org.casefunds.ledger.reversals.ReversalDecision;
import org.casefunds.ledger.timeline.TimelineDecisions;
import org.casefunds.ledger.unidentified.UnidentifiedDecisions;

/**
 * Every kind of request the ledger takes, who may ask for it (docs/domain.md §9) and the package
 * whose rule decides it: the one place the list is kept. The roles are checked against the staff
 * register on each command's date: a role is what the register granted, not what a caller writes. Auditors and supervisors read; they issue
 * nothing. A request about a case made as a handler must also come from that case's current handler,
 * which its decision checks against the state.
 */
final class Rulebook {
    private static final Set<Role> HANDLER = EnumSet.of(Role.HANDLER);
    private static final Set<Role> HANDLER_OR_HEAD = EnumSet.of(Role.HANDLER, Role.DIVISION_HEAD, Role.BUREAU_DIRECTOR);
    private static final Set<Role> FUND_ADMINISTRATOR = EnumSet.of(Role.FUND_ADMINISTRATOR);
    private static final Set<Role> FINANCE = EnumSet.of(Role.FINANCE);
    private static final Set<Role> STAFF_ADMINISTRATOR = EnumSet.of(Role.STAFF_ADMINISTRATOR);

    /** The registry. */
    static final RequestKinds KINDS = RequestKinds.of(List.of(
            kind(OpenLedger.class, STAFF_ADMINISTRATOR, AdministrationDecisions::openLedger),
            kind(RegisterStaff.class, STAFF_ADMINISTRATOR, StaffDecisions::registerStaff),
            kind(GrantRole.class, STAFF_ADMINISTRATOR, StaffDecisions::grantRole),
            kind(RevokeRole.class, STAFF_ADMINISTRATOR, StaffDecisions::revokeRole),
            kind(RegisterBankAccount.class, FINANCE, AdministrationDecisions::registerBankAccount),
            kind(RetireBankAccount.class, FINANCE, AdministrationDecisions::retireBankAccount),
            kind(ClosePeriod.class, FINANCE, AdministrationDecisions::closePeriod),
            kind(AdoptCalendarYear.class, FINANCE, TimelineDecisions::adoptCalendarYear),
            kind(AdoptPolicy.class, FINANCE, TimelineDecisions::adoptPolicy),
            kind(OpenCase.class, HANDLER_OR_HEAD, CaseDecisions::openCase),
            kind(HandOverCase.class, HANDLER_OR_HEAD, CaseDecisions::handOver),
            kind(ConfirmPayee.class, HANDLER, CaseDecisions::confirmPayee),
            kind(TransferBetweenCases.class, HANDLER, CaseDecisions::transfer),
            kind(RecordReceipt.class, EnumSet.of(Role.FUND_ADMINISTRATOR, Role.FINANCE), ReceiptDecisions::record),
            kind(ClaimUnidentified.class, FUND_ADMINISTRATOR, UnidentifiedDecisions::claim),
            kind(RefundUnidentified.class, FUND_ADMINISTRATOR, UnidentifiedDecisions::refund),
            kind(IssuePayoutNotice.class, HANDLER, DisbursementDecisions::payout),
            kind(RefundSurplus.class, HANDLER, DisbursementDecisions::surplusRefund),
            kind(DepositWithNotary.class, HANDLER, DisbursementDecisions::deposit),
            kind(Distribute.class, HANDLER, DisbursementDecisions::distribute),
            kind(SettleDisbursement.class, FINANCE, DisbursementDecisions::settle),
            kind(ReturnDisbursement.class, FINANCE, DisbursementDecisions::recordReturn),
            kind(ChargeExecutionFee.class, HANDLER, FeeDecisions::chargeFee),
            kind(SweepFees.class, FINANCE, FeeDecisions::sweepFees),
            kind(Reverse.class, EnumSet.of(Role.HANDLER, Role.FUND_ADMINISTRATOR, Role.FINANCE),
                    ReversalDecision::reverse),
            kind(GrantDeferral.class, HANDLER, DeferralDecisions::grant),
            kind(RenewDeferral.class, HANDLER, DeferralDecisions::renew),
            kind(LiftDeferral.class, HANDLER, DeferralDecisions::lift)));

    private Rulebook() {
    }
}
