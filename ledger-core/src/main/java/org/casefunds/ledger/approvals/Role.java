package org.casefunds.ledger.approvals;

/**
 * Who does what with a court's enforcement funds (docs/domain.md §9). An actor may hold several roles.
 * The approving roles are ranked: an approver of a higher rank may give an approval that the
 * policy asks of a lower rank, never the other way round.
 */
public enum Role {
    /** 承办人: opens a case's fund record, requests payouts, deferrals, transfers for their own cases. */
    HANDLER(0),
    /** 案款专管员: records receipts, screens and claims unidentified receipts. */
    FUND_ADMINISTRATOR(0),
    /** 庭长 (division head): approves requests within the lowest threshold. */
    DIVISION_HEAD(1),
    /** 执行局长 (enforcement bureau director). */
    BUREAU_DIRECTOR(2),
    /** 主管院领导 (court leader in charge). */
    COURT_LEADER(3),
    /** 财务: sends payment notices to the bank, records bank results, sweeps fees, closes periods. */
    FINANCE(0),
    /** 案款监管员: sees warnings and reports. */
    SUPERVISOR(0),
    /** Reads everything, verifies, reconciles; changes nothing. */
    AUDITOR(0),
    /**
     * 权限管理员 (court administrator of the staff register): registers staff and grants and revokes
     * roles, each change approved by a second administrator. Moves no money.
     */
    STAFF_ADMINISTRATOR(0);

    private final int approvalRank;

    Role(int approvalRank) {
        this.approvalRank = approvalRank;
    }

    /** Whether this role approves requests at all. */
    public boolean approves() {
        return approvalRank > 0;
    }

    /**
     * Whether an approver holding this role may give an approval required of {@code required}: a
     * ranked approving role approves for its own rank and the ranks below; a role that does not
     * rank (a second staff administrator) approves only as itself.
     */
    public boolean canApproveAs(Role required) {
        if (!required.approves()) {
            return this == required;
        }
        return approves() && approvalRank >= required.approvalRank;
    }
}
