package org.casefunds.ledger.commands;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.casefunds.ledger.access.Role;

/**
 * Which roles may issue which requests (docs/domain.md §9): the one place this rule lives. Auditors and
 * supervisors read; they issue nothing. Requests about a case made as a handler must also come from
 * that case's current handler, which the processor checks against the state.
 */
public final class Permissions {
    private static final Set<Role> HANDLER = EnumSet.of(Role.HANDLER);
    private static final Set<Role> HANDLER_OR_HEAD =
            EnumSet.of(Role.HANDLER, Role.DIVISION_HEAD, Role.BUREAU_DIRECTOR);
    private static final Set<Role> FUND_ADMINISTRATOR = EnumSet.of(Role.FUND_ADMINISTRATOR);
    private static final Set<Role> FINANCE = EnumSet.of(Role.FINANCE);

    private static final Map<Class<? extends Request>, Set<Role>> MAY_REQUEST = Map.ofEntries(
            Map.entry(OpenLedger.class, FINANCE),
            Map.entry(RegisterBankAccount.class, FINANCE),
            Map.entry(RetireBankAccount.class, FINANCE),
            Map.entry(OpenCase.class, HANDLER_OR_HEAD),
            Map.entry(HandOverCase.class, HANDLER_OR_HEAD),
            Map.entry(ConfirmPayee.class, HANDLER),
            Map.entry(RecordReceipt.class, EnumSet.of(Role.FUND_ADMINISTRATOR, Role.FINANCE)),
            Map.entry(ClaimUnidentified.class, FUND_ADMINISTRATOR),
            Map.entry(RefundUnidentified.class, FUND_ADMINISTRATOR),
            Map.entry(IssuePayoutNotice.class, HANDLER),
            Map.entry(RefundSurplus.class, HANDLER),
            Map.entry(DepositWithNotary.class, HANDLER),
            Map.entry(Distribute.class, HANDLER),
            Map.entry(SettleDisbursement.class, FINANCE),
            Map.entry(ReturnDisbursement.class, FINANCE),
            Map.entry(ChargeExecutionFee.class, HANDLER),
            Map.entry(SweepFees.class, FINANCE),
            Map.entry(TransferBetweenCases.class, HANDLER),
            Map.entry(Reverse.class, EnumSet.of(Role.HANDLER, Role.FUND_ADMINISTRATOR, Role.FINANCE)),
            Map.entry(ClosePeriod.class, FINANCE),
            Map.entry(GrantDeferral.class, HANDLER),
            Map.entry(RenewDeferral.class, HANDLER),
            Map.entry(LiftDeferral.class, HANDLER),
            Map.entry(AdoptCalendarYear.class, FINANCE),
            Map.entry(AdoptPolicy.class, FINANCE));

    private Permissions() {
    }

    /** The roles that may issue requests of {@code type}; never null. */
    public static Set<Role> mayRequest(Class<? extends Request> type) {
        Set<Role> roles = MAY_REQUEST.get(type);
        if (roles == null) {
            throw new AssertionError("no permission entry for " + type.getSimpleName());
        }
        return roles;
    }
}
